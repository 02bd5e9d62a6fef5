/**
 * Persistence plumbing shared by every feature: the schema migration that runs before the
 * persistence unit validates the entities (on the management node; any other node checks the
 * schema it finds). Entities themselves live in their feature packages.
 */
package org.vigilvms.persistence;
