/** The rows of a query (the SDK's get() is typed for callback use too, hence the cast). */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] };
  return res.data;
}
