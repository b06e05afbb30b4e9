// What every consumer computes with the installed package: seeded normals, tanh of them and a
// seeded sparse product, on the SIMD and the scalar binary, as hex of the float64 bits (so equal
// strings mean equal bits). `rnnkit` is the app's import of the library, `loadOptions` what the
// app must tell load() (esbuild's wasmBase). Plain JavaScript: every tool and Node take it as is.
function hex(values) {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function seededNumbers({ load, applyNonlinearity }, loadOptions = {}) {
  const results = {};
  for (const simd of [true, false]) {
    const rt = await load({ ...loadOptions, simd });
    const rng = rt.rng('consumer matrix');
    const z = rng.normal(257);
    const t = applyNonlinearity(rt, 'tanh', z);
    // A 64×257 CSR matrix: 4 entries a row at seeded columns, seeded values.
    const picks = rng.uniform(64 * 4).toArray();
    const rowPtr = [0];
    const colIdx = [];
    for (let i = 0; i < 64; i++) {
      const cols = [...new Set(Array.from(picks.subarray(4 * i, 4 * i + 4), (u) => Math.floor(u * 257)))].sort((a, b) => a - b);
      colIdx.push(...cols);
      rowPtr.push(colIdx.length);
    }
    const values = rng.normal(colIdx.length).toArray();
    const y = rt.csr({ nRows: 64, nCols: 257, rowPtr, colIdx, values }).multiply(z);
    results[simd ? 'simd' : 'scalar'] = { simd: rt.simd, z: hex(z.toArray()), tanh: hex(t.toArray()), y: hex(y.toArray()) };
  }
  return results;
}
