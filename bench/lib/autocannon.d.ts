// autocannon 8 ships no type declarations; bench/lib/load.ts is its only user.
declare module 'autocannon';
