/** The SQL engines casebook stores its data in. */
export type Dialect = 'sqlite' | 'postgres';
