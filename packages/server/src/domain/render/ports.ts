/** Installation-wide secrets, shared by every node through the database. */
export interface ServerSecretStore {
  /** The secret stored under `name`; `candidate` is stored first when there is none (first wins). */
  getOrCreate(name: string, candidate: string, now: number): Promise<string>;
}
