#include "http/router.h"

#include <algorithm>
#include <set>

namespace confide::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
  std::unique_ptr<Node> param;
  std::vector<const Route*> routes;  // routes whose pattern ends here, one per method
};

namespace {

bool IsIdentifier(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool IsMethod(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Characters a literal segment may not hold: they would never match a decoded segment the same
// way twice ('%'), or belong to the target's syntax.
bool IsLiteralSegment(std::string_view s) {
  if (s.empty() || s == "." || s == "..") return false;
  return s.find_first_of("{}%?#") == std::string_view::npos &&
         std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

struct Search {
  std::string_view method;
  const std::vector<std::string>& segments;
  const Route* found = nullptr;
  std::vector<std::string_view> captured;  // param values along the current branch
  std::vector<std::string_view> found_values;
  std::set<std::string_view> allowed;  // methods of every node the path reaches

  template <typename NodeT>
  void Visit(const NodeT& node, size_t depth) {
    if (found) return;
    if (depth == segments.size()) {
      for (const Route* r : node.routes) {
        allowed.insert(r->method);
        if (r->method == method) {
          found = r;
          found_values = captured;
        }
      }
      return;
    }
    // Literal first: the more specific pattern wins; then the {name} branch.
    if (auto it = node.literals.find(segments[depth]); it != node.literals.end()) Visit(*it->second, depth + 1);
    if (node.param && !found && !segments[depth].empty()) {  // {name} never matches an empty segment
      captured.push_back(segments[depth]);
      Visit(*node.param, depth + 1);
      captured.pop_back();
    }
  }
};

}  // namespace

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

Status Router::Add(std::string method, std::string pattern, Handler handler, RouteOptions options) {
  if (!IsMethod(method)) return Status::InvalidArgument("route method must be an upper-case token");
  if (!handler) return Status::InvalidArgument("route " + pattern + " has no handler");
  if (pattern.empty() || pattern.front() != '/') {
    return Status::InvalidArgument("route pattern must start with '/': " + pattern);
  }
  auto route = std::make_unique<Route>();
  Node* node = root_.get();
  std::vector<bool> steps_are_param;  // the tree is extended only once the whole pattern is valid
  std::vector<std::string> literals;
  if (pattern != "/") {
    std::string_view rest = std::string_view(pattern).substr(1);
    while (true) {
      const size_t slash = rest.find('/');
      const std::string_view segment = rest.substr(0, slash);
      if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
        const std::string_view name = segment.substr(1, segment.size() - 2);
        if (!IsIdentifier(name)) return Status::InvalidArgument("route pattern has a bad {name}: " + pattern);
        if (std::find(route->param_names.begin(), route->param_names.end(), name) != route->param_names.end()) {
          return Status::InvalidArgument("route pattern repeats a {name}: " + pattern);
        }
        route->param_names.emplace_back(name);
        steps_are_param.push_back(true);
        literals.emplace_back();
      } else if (IsLiteralSegment(segment)) {
        steps_are_param.push_back(false);
        literals.emplace_back(segment);
      } else {
        return Status::InvalidArgument("route pattern has an empty or malformed segment: " + pattern);
      }
      if (slash == std::string_view::npos) break;
      rest = rest.substr(slash + 1);
    }
  }
  // Valid: walk and extend the tree.
  for (size_t i = 0; i < steps_are_param.size(); ++i) {
    std::unique_ptr<Node>* next = steps_are_param[i] ? &node->param : &node->literals[literals[i]];
    if (!*next) *next = std::make_unique<Node>();
    node = next->get();
  }
  for (const Route* existing : node->routes) {
    if (existing->method == method) {
      return Status::InvalidArgument("route " + method + " " + pattern + " conflicts with " + existing->pattern);
    }
  }
  route->method = std::move(method);
  route->pattern = std::move(pattern);
  route->handler = std::move(handler);
  route->options = options;
  node->routes.push_back(route.get());
  routes_.push_back(std::move(route));
  return Status::Ok();
}

RouteMatch Router::Match(std::string_view method, const std::vector<std::string>& segments) const {
  Search search{method, segments, nullptr, {}, {}, {}};
  search.Visit(*root_, 0);
  RouteMatch match;
  if (search.found) {
    match.route = search.found;
    for (size_t i = 0; i < search.found_values.size(); ++i) {
      match.params.Set(search.found->param_names[i], std::string(search.found_values[i]));
    }
    return match;
  }
  for (std::string_view m : search.allowed) {
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += m;
  }
  return match;
}

}  // namespace confide::http
