// Placeholder replaced below.
export {}
