#include "web/html.h"

#include "web/embedded_assets.h"
#include "web/pages.h"

namespace confide::web {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string SummaryRow(std::string_view key, std::string_view value_html) {
  return "<div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">" + Escape(key) +
         "</dt><dd class=\"govuk-summary-list__value\">" + std::string(value_html) + "</dd></div>";
}

std::string TableCell(std::string_view html) { return "<td class=\"govuk-table__cell\">" + std::string(html) + "</td>"; }

std::string WarningText(std::string_view text) {
  return "<div class=\"govuk-warning-text\"><span class=\"govuk-warning-text__icon\" aria-hidden=\"true\">!</span><strong "
         "class=\"govuk-warning-text__text\"><span class=\"govuk-visually-hidden\">Warning</span>" +
         Escape(text) + "</strong></div>";
}

std::string TableStart(std::string_view id, std::string_view caption, std::string_view caption_class,
                       const std::vector<std::string_view>& headers) {
  std::string h = "<table class=\"govuk-table\" id=\"" + Escape(id) + "\"><caption class=\"govuk-table__caption " +
                  Escape(caption_class) + "\">" + Escape(caption) + "</caption><thead class=\"govuk-table__head\"><tr "
                  "class=\"govuk-table__row\">";
  for (std::string_view header : headers) h += "<th scope=\"col\" class=\"govuk-table__header\">" + Escape(header) + "</th>";
  return h + "</tr></thead><tbody class=\"govuk-table__body\">";
}

namespace {

void AppendNavigation(std::string& h, const PageOptions& o) {
  h += "<section aria-label=\"Service information\" class=\"govuk-service-navigation\" data-module=\"govuk-service-navigation\">"
       "<div class=\"govuk-width-container\"><div class=\"govuk-service-navigation__container\">"
       "<span class=\"govuk-service-navigation__service-name\"><span class=\"govuk-service-navigation__text\">";
  h += o.organisation.empty() ? "Confidential records" : Escape(o.organisation);
  h += "</span></span>";
  if (!o.navigation.empty() || !o.sign_out_csrf.empty()) {
    h += "<nav aria-label=\"Menu\" class=\"govuk-service-navigation__wrapper\">"
         "<button type=\"button\" class=\"govuk-service-navigation__toggle govuk-js-service-navigation-toggle\" "
         "aria-controls=\"navigation\" hidden>Menu</button><ul class=\"govuk-service-navigation__list\" id=\"navigation\">";
    for (const NavItem& item : o.navigation) {
      h += item.current ? "<li class=\"govuk-service-navigation__item govuk-service-navigation__item--active\">"
                        : "<li class=\"govuk-service-navigation__item\">";
      h += "<a class=\"govuk-service-navigation__link\" href=\"" + Escape(item.href) + "\"";
      h += item.current ? " aria-current=\"page\"><strong class=\"govuk-service-navigation__active-fallback\">" +
                              Escape(item.text) + "</strong>"
                        : ">" + Escape(item.text);
      h += "</a></li>";
    }
    if (!o.sign_out_csrf.empty()) {
      // Signing out changes something, so it is a form (POST with the form token), not a link.
      h += "<li class=\"govuk-service-navigation__item\"><form method=\"post\" action=\"/sign-out\">"
           "<input type=\"hidden\" name=\"csrf_token\" value=\"" + Escape(o.sign_out_csrf) + "\">"
           "<button type=\"submit\" class=\"govuk-service-navigation__link confide-link-button\">Sign out</button>"
           "</form></li>";
    }
    h += "</ul></nav>";
  }
  h += "</div></div></section>";
}

}  // namespace

PageOptions OptionsFor(const WebOptions& options, std::string title) {
  PageOptions o;
  o.title = std::move(title);
  o.organisation = options.organisation;
  o.demo = options.demo;
  return o;
}

http::Response Page(int status, const PageOptions& o, std::string_view main_html) {
  std::string h;
  h.reserve(main_html.size() + 4096);
  h += "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\"><title>";
  if (o.has_error) h += "Error: ";
  h += Escape(o.title);
  h += " – Confide</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">"
       "<meta name=\"theme-color\" content=\"#0b0c0c\"><meta name=\"robots\" content=\"noindex, nofollow\">";
  h += "<link rel=\"icon\" sizes=\"any\" type=\"image/svg+xml\" href=\"" + std::string(AssetUrl("favicon.svg")) + "\">";
  h += "<link rel=\"stylesheet\" href=\"" + std::string(AssetUrl("confide.css")) + "\">";
  h += "<script defer src=\"" + std::string(AssetUrl("govuk-frontend.js")) + "\"></script>";
  h += "<script defer src=\"" + std::string(AssetUrl("confide.js")) + "\"></script>";
  h += "</head><body class=\"govuk-template__body\"";
  if (o.idle_timeout_seconds > 0) h += " data-idle-timeout=\"" + std::to_string(o.idle_timeout_seconds) + "\"";
  h += ">"
       "<a href=\"#main-content\" class=\"govuk-skip-link\" data-module=\"govuk-skip-link\">Skip to main content</a>"
       "<header class=\"govuk-template__header\"><div class=\"govuk-generic-header\">"
       "<div class=\"govuk-generic-header__container govuk-width-container\"><div class=\"govuk-generic-header__logo\">"
       "<a href=\"/\" class=\"govuk-generic-header__homepage-link\">Confide</a></div></div></div></header>";
  AppendNavigation(h, o);
  if (o.demo) {
    h += "<p class=\"confide-demo-banner\">Demo data: every person and record here is made up</p>";
  }
  h += "<div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">";
  h += main_html;
  h += "</main></div>";
  if (o.idle_timeout_seconds > 0 && !o.sign_out_csrf.empty()) {
    // The inactivity warning (confide.js opens it): without JavaScript the server still signs the
    // session out, and the next page says why.
    h += "<dialog class=\"confide-timeout\" id=\"idle-warning\" aria-labelledby=\"idle-warning-title\" "
         "aria-describedby=\"idle-warning-text\"><h2 class=\"govuk-heading-m\" id=\"idle-warning-title\">You will be signed "
         "out soon</h2><p class=\"govuk-body\" id=\"idle-warning-text\">To protect the information in Confide, you will be "
         "signed out in <span class=\"confide-timeout__remaining\">2 minutes</span> unless you choose to stay signed in. "
         "Anything you have not saved will be lost.</p><div class=\"govuk-button-group\"><button type=\"button\" "
         "class=\"govuk-button\" id=\"idle-stay\" data-module=\"govuk-button\">Stay signed in</button>"
         "<form method=\"post\" action=\"/sign-out\"><input type=\"hidden\" name=\"csrf_token\" value=\"" +
         Escape(o.sign_out_csrf) + "\"><button type=\"submit\" class=\"govuk-button govuk-button--secondary\" "
         "data-module=\"govuk-button\">Sign out</button></form></div></dialog>";
  }
  h += "<footer class=\"govuk-footer\"><div class=\"govuk-width-container\"><div class=\"govuk-footer__meta\">"
       "<div class=\"govuk-footer__meta-item govuk-footer__meta-item--grow\"><h2 class=\"govuk-visually-hidden\">Support links</h2>"
       "<ul class=\"govuk-footer__inline-list\"><li class=\"govuk-footer__inline-list-item\">"
       "<a class=\"govuk-footer__link\" href=\"/accessibility\">Accessibility statement</a></li></ul>"
       "<span class=\"govuk-footer__licence-description\">Confide keeps every access to a child's information on a "
       "tamper-evident record.</span></div></div></div></footer></body></html>\n";
  http::Response r = http::Text(status, std::move(h), "text/html; charset=utf-8");
  r.SetHeader("Content-Security-Policy", std::string(kPageContentSecurityPolicy));
  r.SetHeader("Cache-Control", "no-store");
  return r;
}

}  // namespace confide::web
