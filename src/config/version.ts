/**
 * The config format's version. Its own module so that the tasks' default experiments can name
 * it without importing the schema that is assembled from them.
 * Version 2: images, schedules, teacher cache (see config/migrate.ts for version 1).
 */
export const CONFIG_VERSION = 2;
