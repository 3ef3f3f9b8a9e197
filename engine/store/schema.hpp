#pragma once
// The results store's tables and their history. A database is built by replaying the migrations from
// version 0, so a fresh file and an old file brought up to date have exactly the same tables, columns
// and column order (archiving copies rows between the two and relies on it).
#include "store/sqlite.hpp"

namespace tradelab::store {

inline constexpr int kSchemaVersion = 2;

// The version recorded in the schema_version table; 0 for a database without one (a new file).
int schema_version(Database& db);

// Brings `db` to kSchemaVersion in one transaction, so a failed or interrupted migration leaves the
// file at its old version. Throws std::runtime_error for a file written by a newer TradeLab (a version
// above kSchemaVersion), which this build must not touch.
void migrate(Database& db);

}  // namespace tradelab::store
