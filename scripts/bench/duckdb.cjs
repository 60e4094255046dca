// duckdb.cjs - the column-store yardstick of "make bench", through the npm
// package @duckdb/node-api (Debian has no DuckDB package).
//
//   node duckdb.cjs ctas FILE DB     CREATE TABLE t AS SELECT * FROM the CSV
//   node duckdb.cjs groupby DB       the yearly GROUP BY a summary needs:
//                                    per indicator, region and year, the
//                                    sum, the last value and the count
// The package is found through NODE_PATH (bench.sh installs it into the
// build folder). Prints nothing but errors; exit 1 on any.
const { DuckDBInstance } = require('@duckdb/node-api');

const [mode, a, b] = process.argv.slice(2);

async function main() {
	if (mode === 'ctas') {
		const db = await DuckDBInstance.create(b);
		const c = await db.connect();
		await c.run('DROP TABLE IF EXISTS t');
		// The file name is a parameter of the table function, never
		// pasted into the SQL text.
		await c.run('CREATE TABLE t AS SELECT * FROM read_csv($1, header = true)', [a]);
	} else if (mode === 'groupby') {
		const db = await DuckDBInstance.create(a);
		const c = await db.connect();
		const r = await c.runAndReadAll(
		    'SELECT indicator, region, substr(CAST(period AS VARCHAR), 1, 4) AS y, ' +
		    'sum(value), arg_max(value, period), count(*) FROM t GROUP BY ALL');
		if (r.getRows().length === 0)
			throw new Error('no groups');
	} else {
		throw new Error('usage: duckdb.cjs ctas FILE DB | groupby DB');
	}
}

main().catch((e) => { console.error(`duckdb.cjs: ${e.message}`); process.exit(1); });
