// Served by the demo server under /vite/ in the end-to-end tests.
export default { base: "/vite/", build: { outDir: "dist", emptyOutDir: true } };
