// A mapping's fields declared once, as rows of a table: the keys it may have (any other is an
// error naming the nearest as "did you mean"), which are required, and the row
// scripts/readme-fields prints into README.md's field reference. Step kinds use them through
// StepFields (step_fields.h); the script's top-level sections, the extensions mapping and the
// mappings inside step fields through TableReader (section_fields.h, field_parts.h).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "config/reader.h"

namespace kr::script {

enum class Presence {
  required,
  optional,
};

struct FieldSpec {
  std::string_view name;
  Presence presence;
  // The reference's Type and Rule columns; a row with no type is left out of the reference (its
  // parts stand for it). "\n" in the rule continues it on another line.
  std::string_view type;
  std::string_view rule;
  // A field that is a mapping (or a list of mappings) declared in field_parts_table(): the path
  // of its rows there ("validity"; "revoked" for "revoked[].serial"), which the reference prints
  // beneath this row under this row's name. The field's reader reads the same rows.
  std::string_view parts = {};
};

// A table with the name its errors and the reference know it by.
struct FieldTable {
  std::string_view name;
  std::span<const FieldSpec> fields;
};

// The keys directly under `parent` in a table whose rows name nested fields by path
// ("ceremony.id", "policy-qualifiers[].cps"): "" gives the top level, "ceremony" gives id, ...
// In the table's order, which is the order of the "allowed keys" hints.
std::vector<std::string_view> keys_under(const FieldTable& table, std::string_view parent);

// The mapping at `parent` of `table`, read like config::MapReader (unknown keys reported, with the
// nearest of the table's keys), and reading only what the table declares there: reading a key the
// table lacks throws std::logic_error, so code and table cannot drift apart unnoticed. A key may
// be read as required when its row is optional: some are required only beside another
// (quorum.key-backup-share-set with quorum.key-backup).
class TableReader {
 public:
  TableReader(const config::YamlNode& node, const FieldTable& table, std::string_view parent,
              config::Diagnostics& diagnostics);

  bool is_mapping() const { return reader_.is_mapping(); }
  const config::YamlNode* required(std::string_view key) const;
  const config::YamlNode* optional(std::string_view key) const;

 private:
  void check_declared(std::string_view key) const;

  const FieldTable& table_;
  std::string_view parent_;
  std::vector<std::string_view> keys_;
  config::MapReader reader_;
};

}  // namespace kr::script
