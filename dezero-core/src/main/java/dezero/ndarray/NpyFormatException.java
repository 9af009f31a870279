package dezero.ndarray;

import java.io.IOException;

/**
 * A {@code .npy} or {@code .npz} file that cannot be read: truncated, corrupted, lying about its
 * size, or holding a dtype this library does not read. The message names the file (or archive
 * entry) and the problem, e.g.
 * {@code data.npy: truncated: the header claims shape (1000, 1000) of '<f8' (8000000 bytes of data) but 72 bytes follow the header}.
 */
public final class NpyFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public NpyFormatException(String message) {
        super(message);
    }

    public NpyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
