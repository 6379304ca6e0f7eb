/** CSS imported for its side effect (Vite emits it as a stylesheet). */
declare module '*.css' {}
