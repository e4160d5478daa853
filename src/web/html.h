// Server-rendered HTML in the GOV.UK Design System's markup: escaping, and the page template every
// page shares (skip link, header, service navigation, demo banner, main, footer). Pages work
// without JavaScript; the one script (confide.js) only enhances components.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "http/response.h"

namespace confide::web {

// Text made safe for HTML element content and double-quoted attribute values.
std::string Escape(std::string_view text);

// One row of a GOV.UK summary list: the key (escaped here) and its value (already HTML).
std::string SummaryRow(std::string_view key, std::string_view value_html);
// One table cell holding `html` (already escaped).
std::string TableCell(std::string_view html);
// GOV.UK's warning text: the "!" icon and `text` (escaped here) in bold.
std::string WarningText(std::string_view text);
// A GOV.UK table's start, up to its body's opening tag: its id, its caption (escaped here;
// `caption_class` sizes it, "govuk-table__caption--m", or hides it, "govuk-visually-hidden") and its
// column headers. The caller adds the rows and "</tbody></table>".
std::string TableStart(std::string_view id, std::string_view caption, std::string_view caption_class,
                       const std::vector<std::string_view>& headers);

struct NavItem {
  std::string text;
  std::string href;
  bool current = false;
};

struct PageOptions {
  std::string title;                    // the page's own title; " – Confide" is added
  std::string organisation;             // shown in the service navigation ("" for none)
  bool demo = false;                    // the demo organisation: a banner on every page
  std::vector<NavItem> navigation;      // links for a signed-in user
  bool has_error = false;               // a form with errors: the title starts "Error: "
  std::string sign_out_csrf;            // signed in: a "Sign out" button in the navigation
  int64_t idle_timeout_seconds = 0;     // signed in: warn before the session ends for inactivity
};

// The Content-Security-Policy of every page: scripts, styles and images only from Confide itself,
// no inline script or style, forms only back to Confide, never framed.
inline constexpr std::string_view kPageContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

// A whole page: `main_html` (already escaped) inside the template, as text/html with the page
// security policy and no-store.
http::Response Page(int status, const PageOptions& options, std::string_view main_html);

}  // namespace confide::web
