// Marker module: in Next the real 'server-only' fails client bundles that import server code.
export {};
