#include "web/form_html.h"

#include "web/html.h"

namespace confide::web {

std::string ErrorSummary(const std::vector<FieldError>& errors) {
  if (errors.empty()) return "";
  std::string h =
      "<div class=\"govuk-error-summary\" data-module=\"govuk-error-summary\"><div role=\"alert\">"
      "<h2 class=\"govuk-error-summary__title\">There is a problem</h2><div class=\"govuk-error-summary__body\">"
      "<ul class=\"govuk-list govuk-error-summary__list\">";
  for (const FieldError& e : errors) h += "<li><a href=\"#" + Escape(e.field) + "\">" + Escape(e.message) + "</a></li>";
  h += "</ul></div></div></div>";
  return h;
}

std::string TextInputGroup(const TextInput& in, const std::vector<FieldError>& errors) {
  const FieldError* error = nullptr;
  for (const FieldError& e : errors) {
    if (e.field == in.id) error = &e;
  }
  const std::string id = Escape(in.id);
  std::string described_by;
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<label class=\"govuk-label\" for=\"" + id + "\">" + Escape(in.label) + "</label>";
  if (!in.hint.empty()) {
    h += "<div id=\"" + id + "-hint\" class=\"govuk-hint\">" + Escape(in.hint) + "</div>";
    described_by = id + "-hint";
  }
  if (error) {
    h += "<p id=\"" + id + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
         Escape(error->message) + "</p>";
    described_by += (described_by.empty() ? "" : " ") + id + "-error";
  }
  h += "<input class=\"govuk-input";
  if (!in.classes.empty()) h += " " + Escape(in.classes);
  if (error) h += " govuk-input--error";
  h += "\" id=\"" + id + "\" name=\"" + id + "\" type=\"" + Escape(in.type) + "\"";
  if (!in.value.empty()) h += " value=\"" + Escape(in.value) + "\"";
  if (!in.autocomplete.empty()) h += " autocomplete=\"" + Escape(in.autocomplete) + "\"";
  if (!in.spellcheck) h += " spellcheck=\"false\"";
  if (!in.inputmode.empty()) h += " inputmode=\"" + Escape(in.inputmode) + "\"";
  if (!described_by.empty()) h += " aria-describedby=\"" + described_by + "\"";
  h += "></div>";
  return h;
}

std::string OpenForm(std::string_view action, std::string_view csrf) {
  return "<form method=\"post\" action=\"" + Escape(action) + "\" novalidate>" +
         "<input type=\"hidden\" name=\"csrf_token\" value=\"" + Escape(csrf) + "\">";
}

std::string SubmitButton(std::string_view text) {
  return "<button type=\"submit\" class=\"govuk-button\" data-module=\"govuk-button\">" + Escape(text) + "</button>";
}

namespace {

const FieldError* ErrorFor(const std::vector<FieldError>& errors, std::string_view id) {
  for (const FieldError& e : errors) {
    if (e.field == id) return &e;
  }
  return nullptr;
}

std::string ErrorMessage(const std::string& id, const FieldError& e) {
  return "<p id=\"" + id + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
         Escape(e.message) + "</p>";
}

}  // namespace

std::string TextareaGroup(std::string_view id_view, std::string_view label, std::string_view hint, std::string_view value,
                          const std::vector<FieldError>& errors, int rows) {
  const FieldError* error = ErrorFor(errors, id_view);
  const std::string id = Escape(id_view);
  std::string described;
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<label class=\"govuk-label govuk-label--s\" for=\"" + id + "\">" + Escape(label) + "</label>";
  if (!hint.empty()) {
    h += "<div id=\"" + id + "-hint\" class=\"govuk-hint\">" + Escape(hint) + "</div>";
    described = id + "-hint";
  }
  if (error) {
    h += ErrorMessage(id, *error);
    described += (described.empty() ? "" : " ") + id + "-error";
  }
  h += "<textarea class=\"govuk-textarea" + std::string(error ? " govuk-textarea--error" : "") + "\" id=\"" + id + "\" name=\"" + id +
       "\" rows=\"" + std::to_string(rows) + "\"";
  if (!described.empty()) h += " aria-describedby=\"" + described + "\"";
  h += ">" + Escape(value) + "</textarea></div>";
  return h;
}

std::string RadiosGroup(std::string_view name_view, std::string_view legend, const std::vector<RadioOption>& options,
                        std::string_view checked, const std::vector<FieldError>& errors) {
  const std::string name = Escape(name_view);
  const FieldError* error = options.empty() ? nullptr : ErrorFor(errors, std::string(name_view) + "-" + options[0].value);
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<fieldset class=\"govuk-fieldset\"" + std::string(error ? " aria-describedby=\"" + name + "-error\"" : "") +
       "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" + Escape(legend) + "</legend>";
  if (error) h += ErrorMessage(name, *error);
  h += "<div class=\"govuk-radios\" data-module=\"govuk-radios\">";
  for (const RadioOption& o : options) {
    const std::string id = name + "-" + Escape(o.value);
    h += "<div class=\"govuk-radios__item\"><input class=\"govuk-radios__input\" id=\"" + id + "\" name=\"" + name +
         "\" type=\"radio\" value=\"" + Escape(o.value) + "\"" + (o.value == checked ? " checked" : "") +
         (o.hint.empty() ? "" : " aria-describedby=\"" + id + "-hint\"") + "><label class=\"govuk-label govuk-radios__label\" for=\"" +
         id + "\">" + Escape(o.label) + "</label>";
    if (!o.hint.empty()) h += "<div id=\"" + id + "-hint\" class=\"govuk-hint govuk-radios__hint\">" + Escape(o.hint) + "</div>";
    h += "</div>";
  }
  h += "</div></fieldset></div>";
  return h;
}

std::string Checkbox(std::string_view group, std::string_view value, std::string_view label, bool checked,
                     std::string_view hint, std::string_view reveals) {
  const std::string id = Escape(std::string(group) + "_" + std::string(value));
  std::string h = "<div class=\"govuk-checkboxes__item\"><input class=\"govuk-checkboxes__input\" id=\"" + id + "\" name=\"" + id +
                  "\" type=\"checkbox\" value=\"yes\"" + (checked ? " checked" : "") +
                  (hint.empty() ? "" : " aria-describedby=\"" + id + "-hint\"") +
                  (reveals.empty() ? "" : " data-aria-controls=\"" + Escape(reveals) + "\"") +
                  "><label class=\"govuk-label govuk-checkboxes__label\" for=\"" + id + "\">" + Escape(label) + "</label>";
  if (!hint.empty()) h += "<div id=\"" + id + "-hint\" class=\"govuk-hint govuk-checkboxes__hint\">" + Escape(hint) + "</div>";
  return h + "</div>";
}

std::string CheckboxesGroup(std::string_view group, std::string_view legend, std::string_view hint,
                            const std::vector<CheckboxOption>& options, const std::vector<FieldError>& errors) {
  std::string items;
  for (const CheckboxOption& o : options) items += Checkbox(group, o.value, o.label, o.checked, o.hint);
  return CheckboxesFieldset(group, legend, hint, items,
                            options.empty() ? nullptr : ErrorFor(errors, std::string(group) + "_" + options[0].value));
}

std::string CheckboxesFieldset(std::string_view group, std::string_view legend, std::string_view hint, std::string_view items_html,
                               const FieldError* error) {
  const std::string name = Escape(group);
  std::string described = hint.empty() ? "" : name + "-hint";
  if (error) described += (described.empty() ? "" : " ") + name + "-error";
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<fieldset class=\"govuk-fieldset\"" + (described.empty() ? std::string() : " aria-describedby=\"" + described + "\"") +
       "><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" + Escape(legend) + "</legend>";
  if (!hint.empty()) h += "<div id=\"" + name + "-hint\" class=\"govuk-hint\">" + Escape(hint) + "</div>";
  if (error) h += ErrorMessage(name, *error);
  h += "<div class=\"govuk-checkboxes govuk-checkboxes--small\" data-module=\"govuk-checkboxes\">";
  h += items_html;
  return h + "</div></fieldset></div>";
}

std::string TierRadios(std::string_view checked, const std::vector<FieldError>& errors) {
  return RadiosGroup("tier", "Who may see it",
                     {{"general", "General", "Staff working with the child"},
                      {"sensitive", "Sensitive", "Allocated staff, managers and designated safeguarding leads"},
                      {"restricted", "Restricted", "Designated safeguarding leads only"}},
                     checked, errors);
}

std::string HiddenFields(const std::map<std::string, std::string>& fields) {
  std::string h;
  for (const auto& [name, value] : fields) {
    h += "<input type=\"hidden\" name=\"" + Escape(name) + "\" value=\"" + Escape(value) + "\">";
  }
  return h;
}

std::string DateInputGroup(std::string_view id, std::string_view legend, std::string_view hint, std::string_view day,
                           std::string_view month, std::string_view year, const std::vector<FieldError>& errors) {
  const FieldError* error = nullptr;
  for (const FieldError& e : errors) {
    if (e.field == id || e.field == std::string(id) + "_day") error = &e;
  }
  const std::string i = Escape(id);
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"" + i + "-hint" + (error ? " " + i + "-error" : "") +
       "\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">" + Escape(legend) + "</legend>";
  h += "<div id=\"" + i + "-hint\" class=\"govuk-hint\">" + Escape(hint) + "</div>";
  if (error) {
    h += "<p id=\"" + i + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
         Escape(error->message) + "</p>";
  }
  h += "<div class=\"govuk-date-input\" id=\"" + i + "\">";
  struct Part {
    const char* name;
    const char* label;
    std::string_view value;
    const char* width;
  };
  for (const Part& p : {Part{"day", "Day", day, "2"}, Part{"month", "Month", month, "2"}, Part{"year", "Year", year, "4"}}) {
    const std::string pid = i + "_" + p.name;
    h += "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" "
         "for=\"" + pid + "\">" + p.label + "</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-" +
         p.width + (error ? " govuk-input--error" : "") + "\" id=\"" + pid + "\" name=\"" + pid +
         "\" type=\"text\" inputmode=\"numeric\" autocomplete=\"off\"";
    if (!p.value.empty()) h += " value=\"" + Escape(p.value) + "\"";
    h += "></div></div>";
  }
  h += "</div></fieldset></div>";
  return h;
}

std::string TimeInputs(std::string_view prefix, std::string_view hour, std::string_view minute, bool error) {
  const std::string p = Escape(prefix);
  std::string h = "<div class=\"govuk-form-group\"><fieldset class=\"govuk-fieldset\" role=\"group\" aria-describedby=\"" + p +
                  "_time-hint\"><legend class=\"govuk-fieldset__legend govuk-fieldset__legend--s\">Time</legend><div id=\"" + p +
                  "_time-hint\" class=\"govuk-hint\">Use the 24-hour clock, for example 14 30</div><div class=\"govuk-date-input\">";
  struct Box {
    const char* part;
    const char* label;
    std::string_view value;
  };
  for (const Box& b : {Box{"hour", "Hour", hour}, Box{"minute", "Minute", minute}}) {
    const std::string id = p + "_" + b.part;
    h += "<div class=\"govuk-date-input__item\"><div class=\"govuk-form-group\"><label class=\"govuk-label govuk-date-input__label\" for=\"" +
         id + "\">" + b.label + "</label><input class=\"govuk-input govuk-date-input__input govuk-input--width-2" +
         (error ? " govuk-input--error" : "") + "\" id=\"" + id + "\" name=\"" + id + "\" type=\"text\" inputmode=\"numeric\" value=\"" +
         Escape(b.value) + "\"></div></div>";
  }
  return h + "</div></fieldset></div>";
}

TextInput PlainInput(std::string id, std::string label, std::string value, std::string autocomplete) {
  TextInput in;
  in.id = std::move(id);
  in.label = std::move(label);
  in.value = std::move(value);
  in.autocomplete = std::move(autocomplete);
  in.spellcheck = false;
  return in;
}

TextInput PasswordInput(std::string id, std::string label, std::string autocomplete) {
  TextInput in;
  in.id = std::move(id);
  in.label = std::move(label);
  in.type = "password";
  in.autocomplete = std::move(autocomplete);
  in.classes = "govuk-!-width-two-thirds";
  in.spellcheck = false;
  return in;
}

TextInput CodeInput(std::string label, std::string hint) {
  TextInput in;
  in.id = "code";
  in.label = std::move(label);
  in.hint = std::move(hint);
  in.autocomplete = "one-time-code";
  in.classes = "govuk-input--width-10";
  in.spellcheck = false;
  in.inputmode = "numeric";
  return in;
}

std::string SelectGroup(std::string_view id_view, std::string_view label, const std::vector<SelectOption>& options,
                        std::string_view selected, const std::vector<FieldError>& errors) {
  const FieldError* error = ErrorFor(errors, id_view);
  const std::string id = Escape(id_view);
  std::string h = error ? "<div class=\"govuk-form-group govuk-form-group--error\">" : "<div class=\"govuk-form-group\">";
  h += "<label class=\"govuk-label govuk-label--s\" for=\"" + id + "\">" + Escape(label) + "</label>";
  if (error) {
    h += "<p id=\"" + id + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> " +
         Escape(error->message) + "</p>";
  }
  h += "<select class=\"govuk-select" + std::string(error ? " govuk-select--error" : "") + "\" id=\"" + id + "\" name=\"" + id + "\"" +
       (error ? " aria-describedby=\"" + id + "-error\"" : "") + ">";
  for (const SelectOption& o : options) {
    h += "<option value=\"" + Escape(o.value) + "\"" + (o.value == selected ? " selected" : "") + ">" + Escape(o.label) + "</option>";
  }
  return h + "</select></div>";
}

std::string SuccessBanner(std::string_view message) {
  if (message.empty()) return "";
  return "<div class=\"govuk-notification-banner govuk-notification-banner--success\" role=\"alert\" aria-labelledby=\"notice-title\" "
         "data-module=\"govuk-notification-banner\"><div class=\"govuk-notification-banner__header\"><h2 "
         "class=\"govuk-notification-banner__title\" id=\"notice-title\">Success</h2></div><div "
         "class=\"govuk-notification-banner__content\"><p class=\"govuk-notification-banner__heading\">" +
         Escape(message) + "</p></div></div>";
}

}  // namespace confide::web
