/**
 * Locality reorderings of a square sparse matrix (a network whose labels are arbitrary). Relabelling
 * the units by a permutation turns J into P J Pᵀ; SpMV then gathers x from nearby addresses when
 * connected units get nearby labels, so more of x stays in L1/L2. Nothing changes the numbers:
 * each row keeps its entries in their original order, so (P J Pᵀ)(P x) equals P (J x) bit for bit.
 *
 * Conventions: `order[i]` is the old label of the unit that gets new label i (new = old[order]);
 * `inverse[old] = new`. A state x in the old labels maps to xNew[i] = x[order[i]], and back by
 * x[order[i]] = xNew[i].
 */
import { requireOneOf } from '../validate.js';
import { type CsrMatrix, inversePermutation } from './csr.js';

export const REORDER_METHODS = ['rcm', 'degree'] as const;
/**
 * 'rcm': reverse Cuthill–McKee on the symmetrised pattern (J + Jᵀ): breadth-first from a
 * lowest-degree unit of each component, neighbours by increasing degree, then reversed; small
 * bandwidth for networks with spatial or modular structure. 'degree': units by decreasing total
 * degree (in + out; ties by label), so hubs, whose x entries most rows read, share cache lines.
 * A network without structure (Erdős–Rényi, uniform random targets) gains nothing from either.
 */
export type ReorderMethod = (typeof REORDER_METHODS)[number];

/** What {@link reorderNetwork} returns: the relabelled matrix and the maps between the labels. */
export interface ReorderedNetwork {
  /** P J Pᵀ: entry (i, j) is J[order[i], order[j]] (a new matrix; the caller disposes it). */
  matrix: CsrMatrix;
  /** order[newLabel] = oldLabel. */
  order: Int32Array;
  /** inverse[oldLabel] = newLabel. */
  inverse: Int32Array;
}

/** A locality order (order[new] = old) of a square CSR matrix's units; see ReorderMethod. */
export function localityOrder(J: CsrMatrix, method: ReorderMethod = 'rcm'): Int32Array {
  const where = 'localityOrder';
  requireOneOf(where, 'method', method, REORDER_METHODS);
  if (J.nRows !== J.nCols) throw new RangeError(`${where}: the matrix must be square (got ${J.nRows}×${J.nCols})`);
  const n = J.nRows;
  const rowPtr = J.rowPtr.toArray();
  const colIdx = J.colIdx.toArray();
  const degrees = totalDegrees(n, rowPtr, colIdx);
  const degree = (u: number) => degrees[u];
  const byDegree = Int32Array.from({ length: n }, (_, u) => u);
  if (method === 'degree') return byDegree.sort((a, b) => degree(b) - degree(a) || a - b);
  byDegree.sort((a, b) => degree(a) - degree(b) || a - b);
  const { adjacencyPtr, adjacency } = symmetricPattern(n, rowPtr, colIdx, degrees);
  const order = new Int32Array(n);
  const visited = new Uint8Array(n);
  let tail = 0;
  for (const root of byDegree) {
    if (visited[root]) continue;
    visited[root] = 1;
    order[tail++] = root;
    for (let head = tail - 1; head < tail; head++) {
      const u = order[head];
      const first = tail;
      for (let k = adjacencyPtr[u]; k < adjacencyPtr[u + 1]; k++) {
        const v = adjacency[k];
        if (!visited[v]) {
          visited[v] = 1;
          order[tail++] = v;
        }
      }
      order.subarray(first, tail).sort((a, b) => degree(a) - degree(b) || a - b);
    }
  }
  return order.reverse();
}

/** J relabelled by a locality order (see ReorderMethod), with the maps to move states between labels. */
export function reorderNetwork(J: CsrMatrix, method: ReorderMethod = 'rcm'): ReorderedNetwork {
  const order = localityOrder(J, method);
  const matrix = J.permuted(order);
  return { matrix, order, inverse: inversePermutation(order) };
}

/** In + out degree of each unit, self loops not counted (the neighbour count in J + Jᵀ, a unit connected both ways counted twice). */
function totalDegrees(n: number, rowPtr: Int32Array, colIdx: Int32Array): Int32Array {
  const degrees = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      if (j === i) continue;
      degrees[i]++;
      degrees[j]++;
    }
  }
  return degrees;
}

/** Neighbours of each unit in J + Jᵀ (out- and in-neighbours, a unit may appear twice), grouped by unit. */
function symmetricPattern(n: number, rowPtr: Int32Array, colIdx: Int32Array, degrees: Int32Array): { adjacencyPtr: Int32Array; adjacency: Int32Array } {
  const adjacencyPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) adjacencyPtr[i + 1] = adjacencyPtr[i] + degrees[i];
  const adjacency = new Int32Array(adjacencyPtr[n]);
  const fill = adjacencyPtr.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
      const j = colIdx[k];
      if (j === i) continue;
      adjacency[fill[i]++] = j;
      adjacency[fill[j]++] = i;
    }
  }
  return { adjacencyPtr, adjacency };
}
