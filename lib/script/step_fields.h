// The step kinds and each kind's fields, written once (step_fields.cpp). The table decides which
// keys a kind's body may have (any other is an error naming the nearest as "did you mean"), which
// of them are required, and where each was written (Step::field_positions); scripts/readme-fields
// prints README.md's and keyrite-script(5)'s field reference for the step kinds from the same rows.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "config/reader.h"
#include "script/field_table.h"
#include "script/steps.h"

namespace kr::script {

// A step kind, declared once: its key in a script, its body parser and its fields. The list of
// kinds (step_fields.cpp) decides which keys of a step are kinds, the "did you mean" and the
// "add one of" hints, which parser reads a body, the kind's name for a StepBody (step_kind) and
// the field reference; it is in StepBody's order.
struct StepKind {
  std::string_view name;
  StepBody (*parse)(const config::YamlNode& body, StepDraft& draft,
                    config::Diagnostics& diagnostics);
  std::span<const FieldSpec> fields;
};
std::span<const StepKind> step_kinds();
// nullptr when `name` is not a step kind.
const StepKind* find_step_kind(std::string_view name);

// The fields of a step kind ("generate-key"). Throws std::logic_error for a kind it does not know:
// every kind has a table.
std::span<const FieldSpec> step_fields(std::string_view kind);

// A step body read against its kind's table: construction reports a body that is not a mapping,
// unknown keys and missing required fields, and records the position of every field given.
class StepFields {
 public:
  StepFields(const config::YamlNode& body, std::string_view kind, StepDraft& draft,
             config::Diagnostics& diagnostics);

  // It reads through a reader that refers to its table: not copied.
  StepFields(const StepFields&) = delete;
  StepFields& operator=(const StepFields&) = delete;

  bool is_mapping() const { return reader_.is_mapping(); }
  // The field's value, nullptr when absent. Throws std::logic_error for a name the table lacks, so
  // a field read in code but not declared fails every test that parses that kind.
  const config::YamlNode* operator[](std::string_view name) const;

 private:
  FieldTable table_;    // the kind's rows, named by the kind for the reader's errors
  TableReader reader_;  // at the body's top level
};

}  // namespace kr::script
