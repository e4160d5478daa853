// The breach pages' forms read and checked as far as a page can (web/breach_pages.h), and the
// register's refusals placed against the input they are about. The register checks everything
// again; the page's checks only let the person see every problem at once, in the page's order.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "service/breach.h"
#include "web/breach_pages.h"
#include "web/form_body.h"

namespace confide::web {

// A report of a suspected breach (`now`: awareness and the happening may not be after it).
std::optional<service::BreachReport> ReadBreachReport(FormBody& form, BreachReportForm& f, UnixMicros now);
// Opening candidate `key`'s form as a breach: its kind, when we became aware, what happened.
std::optional<service::BreachReport> ReadCandidateOpening(FormBody& form, const std::string& key, CandidateForm& f, UnixMicros now);
// Dismissing candidate `key`: the reason it is not a breach.
std::optional<std::string> ReadCandidateDismissal(FormBody& form, const std::string& key, CandidateForm& f);
// A step on a breach.
std::optional<service::BreachStepInput> ReadBreachStep(FormBody& form, BreachStepForm& f, UnixMicros now);

// Which input a refusal is about (the register's messages name the problem, never the values).
std::string ReportFieldFor(std::string_view message);
std::string StepFieldFor(std::string_view message);

// Confide ids typed into one box, separated by commas or spaces ("12, 40"): nullopt if any is not
// an id; empty for an empty box.
std::optional<std::vector<domain::PersonId>> PeopleFromText(std::string_view text);
// A count of people typed into a box: a whole number from 0; nullopt otherwise.
std::optional<int64_t> CountFromText(std::string_view text);

}  // namespace confide::web
