// GOV.UK form markup: the error summary at the top of a page and text inputs with their label,
// hint and error message, so every form announces its errors the same way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "web/pages.h"

namespace confide::web {

// The error summary: a linked list of the problems, focused by GOV.UK Frontend's script (and
// announced by screen readers) when the page loads. "" when there are none.
std::string ErrorSummary(const std::vector<FieldError>& errors);

struct TextInput {
  std::string id;  // also the name
  std::string label;
  std::string type = "text";
  std::string value;
  std::string autocomplete;
  std::string hint;
  std::string classes;  // width class, e.g. "govuk-!-width-two-thirds"
  bool spellcheck = true;
};

std::string TextInputGroup(const TextInput& input, const std::vector<FieldError>& errors);

}  // namespace confide::web
