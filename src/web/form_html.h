// GOV.UK form markup: the error summary at the top of a page and text inputs with their label,
// hint and error message, so every form announces its errors the same way.
#pragma once

#include <map>
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
  std::string inputmode;  // "numeric" for codes
};

std::string TextInputGroup(const TextInput& input, const std::vector<FieldError>& errors);

// <form method="post" action="ACTION" novalidate> with the hidden CSRF field; CloseForm ends it.
std::string OpenForm(std::string_view action, std::string_view csrf);
std::string SubmitButton(std::string_view text);
inline constexpr std::string_view kCloseForm = "</form>";

// A textarea with its label (as the page's question when `is_page_heading`), hint and error.
std::string TextareaGroup(std::string_view id, std::string_view label, std::string_view hint, std::string_view value,
                          const std::vector<FieldError>& errors, int rows = 5);

struct RadioOption {
  std::string value;
  std::string label;
  std::string hint;
};
// Radios named `name`, each with id NAME-VALUE (the error links to the first option's id).
std::string RadiosGroup(std::string_view name, std::string_view legend, const std::vector<RadioOption>& options,
                        std::string_view checked, const std::vector<FieldError>& errors);

// One checkbox named GROUP_VALUE with the value "yes": each box has a name of its own, since the
// server refuses a repeated field name. `reveals`: the id of the conditional content it shows when
// ticked (GOV.UK Frontend's script hides it otherwise; without the script it is always shown).
std::string Checkbox(std::string_view group, std::string_view value, std::string_view label, bool checked,
                     std::string_view hint = "", std::string_view reveals = "");

struct CheckboxOption {
  std::string value;
  std::string label;
  std::string hint;
  bool checked = false;
};
// Checkboxes in a fieldset with a legend, a hint and an error (on GROUP_FIRSTVALUE, which the error
// summary links to).
std::string CheckboxesGroup(std::string_view group, std::string_view legend, std::string_view hint,
                            const std::vector<CheckboxOption>& options, const std::vector<FieldError>& errors);
// The same fieldset around boxes already made (Checkbox, each perhaps followed by the conditional
// content it reveals), with `error` (null for none) above them.
std::string CheckboxesFieldset(std::string_view group, std::string_view legend, std::string_view hint, std::string_view items_html,
                               const FieldError* error);

// "Who may see it": the three tiers as radios named "tier" (an error for it is on "tier-general").
std::string TierRadios(std::string_view checked, const std::vector<FieldError>& errors);

// Hidden inputs carrying `fields` (a multi-page form's earlier answers).
std::string HiddenFields(const std::map<std::string, std::string>& fields);

// GOV.UK's date input: day, month and year boxes named ID_day, ID_month, ID_year, in a fieldset
// whose legend is `legend`. An error for ID marks all three.
std::string DateInputGroup(std::string_view id, std::string_view legend, std::string_view hint, std::string_view day,
                           std::string_view month, std::string_view year, const std::vector<FieldError>& errors);

// A text input for a name, an identifier or an email: never spell-checked (names are not words),
// no autofill suggestions unless `autocomplete` names one.
TextInput PlainInput(std::string id, std::string label, std::string value, std::string autocomplete = "off");

// Hour and minute boxes (PREFIX_hour, PREFIX_minute) in the date input's style, 24-hour clock.
std::string TimeInputs(std::string_view prefix, std::string_view hour, std::string_view minute, bool error);

// A password input: never spell-checked, two-thirds wide, with the autocomplete token that tells
// password managers what it is ("current-password", "new-password").
TextInput PasswordInput(std::string id, std::string label, std::string autocomplete);

struct SelectOption {
  std::string value;
  std::string label;
};
// A select with its label and error (GOV.UK uses selects sparingly: for a long list such as staff).
std::string SelectGroup(std::string_view id, std::string_view label, const std::vector<SelectOption>& options,
                        std::string_view selected, const std::vector<FieldError>& errors);
// The green banner that says a change was made ("Training recorded.").
std::string SuccessBanner(std::string_view message);
// The one-time-code input (GOV.UK's pattern: numeric keyboard, autocomplete one-time-code).
TextInput CodeInput(std::string label, std::string hint);

}  // namespace confide::web
