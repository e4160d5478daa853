#include "web/sharing_request_form.h"

#include <algorithm>

#include "domain/text.h"
#include "web/sharing_words.h"

namespace confide::web {
namespace {

using namespace sharing;

template <typename E>
std::vector<std::string> TickedNames(FormBody& body, std::string_view group, bool (*offered)(E)) {
  std::vector<std::string> out;
  for (size_t i = 0; i < Count<E>(); ++i) {
    const E e = static_cast<E>(i);
    if (offered != nullptr && !offered(e)) continue;
    if (body.Get(std::string(group) + "_" + std::string(Name(e)), 3) == "yes") out.emplace_back(Name(e));
  }
  return out;
}

}  // namespace

SharingRequestForm ReadSharingRequestForm(FormBody& body, const SharingPolicy& policy) {
  SharingRequestForm f;
  f.direction = body.Get("direction", 20);
  f.recipient = body.Get("recipient", 20);
  f.recipient_kind = body.Get("recipient_kind", 40);
  f.purpose = body.Get("purpose", 80);
  f.agreement = body.Get("agreement", 20);
  f.channel = body.Get("channel", 20);
  f.urgency = body.Get("urgency", 20);
  f.details = body.Get("details", 4000);
  f.reasons = body.Get("reasons", 4000);
  for (const Category& c : policy.categories()) {
    if (body.Get("category_" + c.id, 3) == "yes") f.categories.push_back(c.id);
  }
  f.answers = TickedNames<Fact>(body, "answer", IsAnswerableFact);
  f.documents = TickedNames<Document>(body, "document", nullptr);
  for (size_t i = 0; i < Count<Document>(); ++i) {
    const std::string kind(Name(static_cast<Document>(i)));
    std::string reference = body.Get("reference_" + kind, 200);
    if (!reference.empty()) f.references[kind] = std::move(reference);
  }
  return f;
}

std::optional<SharingRequest> CheckSharingRequestForm(SharingRequestForm& f, const SharingChoices& choices, domain::PersonId person) {
  const SharingPolicy& policy = *choices.policy;
  SharingRequest r;
  r.person_id = person;
  auto& errors = f.errors;
  const auto direction = ParseName<Direction>(f.direction);
  if (!direction) errors.push_back({"direction-incoming", "Choose whether someone asks, we propose to share, or you want advice"});
  if (f.recipient.empty()) {
    errors.push_back({"recipient", "Choose who asks or who would receive the information"});
  } else if (f.recipient == "other") {
    const auto kind = ParseName<RecipientKind>(f.recipient_kind);
    if (!kind) {
      errors.push_back({"recipient_kind", "Choose what kind of recipient they are"});
    } else {
      r.recipient_kind = *kind;
    }
  } else {
    const auto id = http::ParseCanonicalInt(f.recipient);
    auto entry = std::find_if(choices.recipients.begin(), choices.recipients.end(),
                              [&](const Recipient& x) { return id && x.id == *id; });
    if (entry == choices.recipients.end()) {
      errors.push_back({"recipient", "Choose a recipient from the directory, or one not in it"});
    } else {
      r.recipient_id = entry->id;
      r.recipient_kind = entry->kind;
    }
  }
  const std::string first_purpose = policy.purposes().empty() ? "" : policy.purposes()[0].id;
  if (!policy.FindPurpose(f.purpose)) errors.push_back({"purpose-" + first_purpose, "Choose the purpose of sharing"});
  const std::string first_category = policy.categories().empty() ? "" : policy.categories()[0].id;
  if (f.categories.empty()) errors.push_back({"category_" + first_category, "Choose the information asked for or proposed"});
  const auto channel = ParseName<Channel>(f.channel);
  if (!channel) errors.push_back({"channel-phone", "Choose how the request came, or how it would be sent"});
  const auto urgency = ParseName<Urgency>(f.urgency);
  if (!urgency) errors.push_back({"urgency-routine", "Choose how urgent it is"});
  for (const std::string& d : f.documents) {
    auto it = f.references.find(d);
    if (it == f.references.end() || domain::Trim(it->second).empty()) {
      errors.push_back({"reference_" + d, "Enter the reference of the " + Words(*ParseName<Document>(d))});
    } else {
      r.documents.push_back({*ParseName<Document>(d), std::string(domain::Trim(it->second))});
    }
  }
  if (!f.agreement.empty()) {
    const auto id = http::ParseCanonicalInt(f.agreement);
    const bool known = id && std::any_of(choices.agreements.begin(), choices.agreements.end(),
                                         [&](const SharingAgreement& a) { return a.id == *id; });
    if (!known) {
      errors.push_back({"agreement", "Choose an agreement from the list, or none"});
    } else {
      r.agreement_id = *id;
    }
  }
  if (domain::Trim(f.reasons).empty()) {
    errors.push_back({"reasons", "Enter why sharing is necessary and proportionate, or the asker's reasons"});
  }
  if (!errors.empty()) return std::nullopt;
  r.direction = *direction;
  r.purpose = f.purpose;
  r.categories = f.categories;
  r.channel = *channel;
  r.urgency = *urgency;
  r.answers = f.answers;
  r.details = std::string(domain::Trim(f.details));
  r.reasons = std::string(domain::Trim(f.reasons));
  r.personal_data = std::any_of(f.categories.begin(), f.categories.end(), [&](const std::string& id) {
    auto i = policy.FindCategory(id);
    return !i || policy.categories()[*i].personal;
  });
  return r;
}

}  // namespace confide::web
