#include "sharing/facts_json.h"

namespace confide::sharing {
namespace {

using nlohmann::json;

Status Bad(const std::string& field, std::string_view what) {
  return Status::InvalidArgument("request: " + field + " " + std::string(what));
}

template <typename E>
Result<E> One(const json& j, const std::string& field) {
  if (!j.is_string()) return Bad(field, "must be a name in quotes");
  auto v = ParseName<E>(j.get<std::string>());
  if (!v) return Bad(field, "holds an unknown name (docs/sharing.md lists them)");
  return *v;
}

template <typename E>
Result<uint32_t> Mask(const json& j, const std::string& field) {
  if (!j.is_array()) return Bad(field, "must be a list of names");
  uint32_t mask = 0;
  for (const json& v : j) {
    CONFIDE_ASSIGN_OR_RETURN(E e, One<E>(v, field));
    mask |= Bit(e);
  }
  return mask;
}

template <typename E>
json Names(uint32_t mask) {
  json out = json::array();
  for (size_t i = 0; i < Count<E>(); ++i) {
    if (mask & Bit(static_cast<E>(i))) out.push_back(Name(static_cast<E>(i)));
  }
  return out;
}

}  // namespace

json FactsToJson(const SharingFacts& f, const SharingPolicy& policy) {
  json categories = json::array();
  for (size_t i = 0; i < policy.categories().size(); ++i) {
    if (f.categories & (CategorySet{1} << i)) categories.push_back(policy.categories()[i].id);
  }
  json j{{"direction", Name(f.direction)},
         {"recipient", Name(f.recipient)},
         {"purpose", f.purpose < policy.purposes().size() ? policy.purposes()[f.purpose].id : std::string()},
         {"categories", categories},
         {"channel", Name(f.channel)},
         {"urgency", Name(f.urgency)},
         {"consent", Name(f.consent)},
         {"agreement", Name(f.agreement)},
         {"documents", Names<Document>(f.documents)},
         {"approvals", Names<Approval>(f.approvals)}};
  for (size_t i = 0; i < Count<Fact>(); ++i) {
    const auto fact = static_cast<Fact>(i);
    if (fact == Fact::kWrittenConsent || fact == Fact::kConsentException) continue;
    j[fact == Fact::kConsentInWriting ? std::string("written_consent") : std::string(Name(fact))] = f.Has(fact);
  }
  return j;
}

Result<SharingFacts> FactsFromJson(const json& j, const SharingPolicy& policy) {
  if (!j.is_object()) return Status::InvalidArgument("request: expected a JSON object");
  for (const char* required : {"recipient", "purpose", "categories"}) {
    if (!j.contains(required)) return Bad(required, "is missing");
  }
  SharingFacts f;
  for (const auto& [key, value] : j.items()) {
    if (key == "direction") {
      CONFIDE_ASSIGN_OR_RETURN(f.direction, One<Direction>(value, key));
    } else if (key == "recipient") {
      CONFIDE_ASSIGN_OR_RETURN(f.recipient, One<RecipientKind>(value, key));
    } else if (key == "purpose") {
      const auto p = value.is_string() ? policy.FindPurpose(value.get<std::string>()) : std::nullopt;
      if (!p) return Bad(key, "is not a purpose of the sharing policy");
      f.purpose = *p;
    } else if (key == "categories") {
      if (!value.is_array() || value.empty()) return Bad(key, "must be a non-empty list of categories");
      std::vector<std::string> ids;
      for (const json& c : value) {
        if (!c.is_string()) return Bad(key, "must be a list of names");
        ids.push_back(c.get<std::string>());
      }
      auto set = policy.Categories(ids);
      if (!set.ok()) return Bad(key, "holds a category the sharing policy does not have");
      f.categories = *set;
    } else if (key == "channel") {
      CONFIDE_ASSIGN_OR_RETURN(f.channel, One<Channel>(value, key));
    } else if (key == "urgency") {
      CONFIDE_ASSIGN_OR_RETURN(f.urgency, One<Urgency>(value, key));
    } else if (key == "consent") {
      CONFIDE_ASSIGN_OR_RETURN(f.consent, One<ConsentState>(value, key));
    } else if (key == "agreement") {
      CONFIDE_ASSIGN_OR_RETURN(f.agreement, One<AgreementFit>(value, key));
    } else if (key == "documents") {
      CONFIDE_ASSIGN_OR_RETURN(f.documents, Mask<Document>(value, key));
    } else if (key == "approvals") {
      CONFIDE_ASSIGN_OR_RETURN(f.approvals, Mask<Approval>(value, key));
    } else {
      // A yes/no fact; "written_consent" is how a request says the consent was given in writing.
      const std::string name = key == "written_consent" ? "consent_in_writing" : key;
      const auto fact = ParseName<Fact>(name);
      if (!fact || *fact == Fact::kWrittenConsent || *fact == Fact::kConsentException) {
        return Bad(key, "is not a fact of a sharing request");
      }
      if (!value.is_boolean()) return Bad(key, "must be true or false");
      f.Set(*fact, value.get<bool>());
    }
  }
  return f;
}

}  // namespace confide::sharing
