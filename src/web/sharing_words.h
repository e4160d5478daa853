// The words the sharing pages use for the sharing engine's values: what a practitioner reads
// ("Designated safeguarding lead or deputy"), not the names the policy file and the API use
// ("designated_person"). Categories and purposes are the policy's own: their words come from it.
#pragma once

#include <string>
#include <string_view>

#include "sharing/sharing_facts.h"
#include "sharing/sharing_policy.h"
#include "sharing/sharing_register.h"

namespace confide::web {

std::string Words(sharing::Direction d);
std::string Words(sharing::RecipientKind k);
std::string Words(sharing::Channel c);
std::string Words(sharing::Urgency u);
std::string Words(sharing::Document d);
std::string Words(sharing::Approval a);
std::string Words(sharing::LawfulBasis b);
std::string Words(sharing::Outcome o);
std::string Words(sharing::Route r);
std::string Words(sharing::ConsentState c);
// The question a practitioner answers for an answerable fact ("A child is at risk of significant harm").
std::string Question(sharing::Fact f);

// A category's or purpose's words from the policy ("Where the child lives"); the id if unknown.
std::string CategoryWords(const sharing::SharingPolicy& policy, std::string_view id);
std::string PurposeWords(const sharing::SharingPolicy& policy, std::string_view id);

// A GOV.UK tag of a colour ("yellow") with its text escaped.
std::string Tag(std::string_view colour, std::string_view text);

// A GOV.UK tag for where a case stands, and one for a decision's outcome.
std::string StageTag(sharing::CaseStage s);
std::string OutcomeTag(sharing::Outcome o);

}  // namespace confide::web
