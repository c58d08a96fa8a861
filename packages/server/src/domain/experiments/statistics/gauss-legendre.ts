/**
 * Nodes and weights of the n-point Gauss–Legendre rule on [-1, 1], by Newton's method on the
 * Legendre polynomial (Golub–Welsch is overkill for one small, fixed n). Exact for polynomials of
 * degree <= 2n - 1, which makes a composite rule on short panels very accurate for the smooth
 * Beta integrands used in prob-beat.ts.
 */
export function gaussLegendre(n: number): { nodes: number[]; weights: number[] } {
  const nodes: number[] = new Array(n).fill(0);
  const weights: number[] = new Array(n).fill(0);
  for (let i = 0; i < Math.ceil(n / 2); i++) {
    // Tricomi's initial guess for the i-th root, then Newton until it stops moving.
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      // p1 = P_n(x), p0 = P_{n-1}(x); P_n'(x) = n (x P_n - P_{n-1}) / (x^2 - 1).
      derivative = (n * (x * p1 - p0)) / (x * x - 1);
      const step = p1 / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    const weight = 2 / ((1 - x * x) * derivative * derivative);
    nodes[i] = -x;
    nodes[n - 1 - i] = x;
    weights[i] = weight;
    weights[n - 1 - i] = weight;
  }
  return { nodes, weights };
}
