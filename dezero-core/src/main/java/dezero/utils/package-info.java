/**
 * Tools around the graph: numerical differentiation and gradient checks
 * ({@link dezero.utils.GradientCheck}) and Graphviz DOT export of the computational graph
 * ({@link dezero.utils.Graphs}).
 */
package dezero.utils;
