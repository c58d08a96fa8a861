export * from "./client.js";
export * from "./common.js";
export * from "./content.js";
export * from "./errors.js";
export * from "./filter.js";
export * from "./message.js";
export * from "./problem.js";
export * from "./tenancy.js";
