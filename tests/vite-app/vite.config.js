// Served by the demo server under /vite/ in the end-to-end tests: the
// plain page, and a React app whose form renders after the library starts.
export default {
  base: "/vite/",
  build: { outDir: "dist", emptyOutDir: true, rollupOptions: { input: ["index.html", "react.html"] } },
};
