#include "http/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <type_traits>

namespace confide::http {
namespace {

[[noreturn]] void Misuse(const std::string& what) {
  // A metric misuse is a bug in the caller, found the first time the code runs.
  std::fprintf(stderr, "confide::http::Registry misuse: %s\n", what.c_str());
  std::abort();
}

bool IsMetricName(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
                    (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool IsLabelName(std::string_view s) {
  if (s.empty() || s.starts_with("__")) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

void AppendDouble(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "NaN";
  } else if (std::isinf(v)) {
    out += v > 0 ? "+Inf" : "-Inf";
  } else {
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest round-trip form
    out.append(buf, ec == std::errc() ? end : buf);
  }
}

void AppendEscaped(std::string& out, std::string_view s, bool quote) {
  for (char c : s) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="x",b="y"` without the closing brace (a histogram adds le), or "" with no labels.
void AppendLabels(std::string& out, const std::vector<std::string>& names, const std::vector<std::string>& values) {
  for (size_t i = 0; i < names.size(); ++i) {
    out += i == 0 ? '{' : ',';
    out += names[i];
    out += "=\"";
    AppendEscaped(out, values[i], true);
    out += '"';
  }
}

uint64_t HashLabels(std::span<const std::string_view> values) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a
  for (std::string_view v : values) {
    for (char c : v) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;  // separator: ("ab","c") differs from ("a","bc")
  }
  return h;
}

std::string_view TypeName(FamilyBase::Type type) {
  switch (type) {
    case FamilyBase::Type::kCounter: return "counter";
    case FamilyBase::Type::kGauge: return "gauge";
    case FamilyBase::Type::kHistogram: return "histogram";
  }
  return "untyped";
}

}  // namespace

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds), counts_(std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1)) {}

void Histogram::Observe(double value) {
  if (std::isnan(value)) return;
  const size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

std::vector<uint64_t> Histogram::BucketCounts() const {
  std::vector<uint64_t> out(bounds_.size() + 1);
  for (size_t i = 0; i < out.size(); ++i) out[i] = counts_[i].load(std::memory_order_relaxed);
  return out;
}

uint64_t Histogram::Count() const {
  uint64_t n = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) n += counts_[i].load(std::memory_order_relaxed);
  return n;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

FamilyBase::FamilyBase(std::string name, std::string help, Type type, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), type_(type), label_names_(std::move(label_names)) {}
FamilyBase::~FamilyBase() = default;

template <typename T>
struct Family<T>::Child {
  template <typename... Args>
  Child(uint64_t h, std::vector<std::string> v, Args&&... args)
      : hash(h), values(std::move(v)), metric(std::forward<Args>(args)...) {}
  uint64_t hash;
  std::vector<std::string> values;
  T metric;
  Child* next = nullptr;  // set before the child is published, never changed after
};

template <typename T>
Family<T>::Family(std::string name, std::string help, Type type, std::vector<std::string> label_names,
                  std::vector<double> bounds)
    : FamilyBase(std::move(name), std::move(help), type, std::move(label_names)), bounds_(std::move(bounds)) {}

template <typename T>
Family<T>::~Family() = default;

template <typename T>
T& Family<T>::WithLabels(std::span<const std::string_view> values) {
  if (values.size() != label_names_.size()) Misuse(name_ + ": wrong number of label values");
  const uint64_t hash = HashLabels(values);
  std::atomic<Child*>& head = heads_[hash % kBuckets];
  auto find = [&](Child* c) -> Child* {
    for (; c != nullptr; c = c->next) {
      if (c->hash == hash && std::equal(c->values.begin(), c->values.end(), values.begin(), values.end())) return c;
    }
    return nullptr;
  };
  if (Child* c = find(head.load(std::memory_order_acquire))) return c->metric;

  std::lock_guard lock(mu_);
  if (Child* c = find(head.load(std::memory_order_acquire))) return c->metric;  // added meanwhile
  std::vector<std::string> owned(values.begin(), values.end());
  std::unique_ptr<Child> child;
  if constexpr (std::is_same_v<T, Histogram>) {
    child = std::make_unique<Child>(hash, std::move(owned), std::span<const double>(bounds_));
  } else {
    child = std::make_unique<Child>(hash, std::move(owned));
  }
  child->next = head.load(std::memory_order_relaxed);
  head.store(child.get(), std::memory_order_release);  // publish: readers see a complete Child
  children_.push_back(std::move(child));
  return children_.back()->metric;
}

template <typename T>
void Family<T>::Render(std::string& out) const {
  out += "# HELP ";
  out += name_;
  out += ' ';
  AppendEscaped(out, help_, false);
  out += "\n# TYPE ";
  out += name_;
  out += ' ';
  out += TypeName(type_);
  out += '\n';

  std::vector<const Child*> sorted;
  {
    std::lock_guard lock(mu_);
    for (const auto& c : children_) sorted.push_back(c.get());
  }
  std::sort(sorted.begin(), sorted.end(), [](const Child* a, const Child* b) { return a->values < b->values; });
  for (const Child* c : sorted) {
    if constexpr (std::is_same_v<T, Histogram>) {
      const std::vector<uint64_t> counts = c->metric.BucketCounts();
      uint64_t cumulative = 0;
      for (size_t i = 0; i < counts.size(); ++i) {
        cumulative += counts[i];
        out += name_;
        out += "_bucket";
        AppendLabels(out, label_names_, c->values);
        out += label_names_.empty() ? "{le=\"" : ",le=\"";
        AppendDouble(out, i < bounds_.size() ? bounds_[i] : HUGE_VAL);
        out += "\"} ";
        out += std::to_string(cumulative);
        out += '\n';
      }
      for (const char* suffix : {"_sum", "_count"}) {
        out += name_;
        out += suffix;
        AppendLabels(out, label_names_, c->values);
        if (!label_names_.empty()) out += '}';
        out += ' ';
        if (suffix[1] == 's') {
          AppendDouble(out, c->metric.Sum());
        } else {
          out += std::to_string(cumulative);  // the buckets' total, so _count matches +Inf exactly
        }
        out += '\n';
      }
    } else {
      out += name_;
      AppendLabels(out, label_names_, c->values);
      if (!label_names_.empty()) out += '}';
      out += ' ';
      out += std::to_string(c->metric.Value());
      out += '\n';
    }
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

Registry::Registry() = default;
Registry::~Registry() = default;

FamilyBase& Registry::Register(std::string_view name, std::string_view help, FamilyBase::Type type,
                               std::vector<std::string> label_names, std::vector<double> bounds) {
  if (!IsMetricName(name)) Misuse("invalid metric name '" + std::string(name) + "'");
  for (const std::string& label : label_names) {
    if (!IsLabelName(label) || (type == FamilyBase::Type::kHistogram && label == "le")) {
      Misuse(std::string(name) + ": invalid label name '" + label + "'");
    }
  }
  if (type == FamilyBase::Type::kHistogram &&
      (bounds.empty() || !std::is_sorted(bounds.begin(), bounds.end()) ||
       std::adjacent_find(bounds.begin(), bounds.end()) != bounds.end() ||
       std::any_of(bounds.begin(), bounds.end(), [](double b) { return !std::isfinite(b); }))) {
    Misuse(std::string(name) + ": histogram bounds must be finite and strictly ascending");
  }
  std::lock_guard lock(mu_);
  if (auto it = families_.find(name); it != families_.end()) {
    FamilyBase& existing = *it->second;
    bool same = existing.type() == type && existing.label_names() == label_names;
    if (same && type == FamilyBase::Type::kHistogram) {
      same = static_cast<Family<Histogram>&>(existing).bounds() == bounds;
    }
    if (!same) Misuse(std::string(name) + ": registered again with a different type, labels or buckets");
    return existing;
  }
  std::unique_ptr<FamilyBase> family;
  switch (type) {
    case FamilyBase::Type::kCounter:
      family = std::make_unique<Family<Counter>>(std::string(name), std::string(help), type, std::move(label_names),
                                                 std::vector<double>());
      break;
    case FamilyBase::Type::kGauge:
      family = std::make_unique<Family<Gauge>>(std::string(name), std::string(help), type, std::move(label_names),
                                               std::vector<double>());
      break;
    case FamilyBase::Type::kHistogram:
      family = std::make_unique<Family<Histogram>>(std::string(name), std::string(help), type,
                                                   std::move(label_names), std::move(bounds));
      break;
  }
  FamilyBase& ref = *family;
  families_.emplace(std::string(name), std::move(family));
  return ref;
}

Family<Counter>& Registry::CounterFamily(std::string_view name, std::string_view help,
                                         std::vector<std::string> label_names) {
  return static_cast<Family<Counter>&>(Register(name, help, FamilyBase::Type::kCounter, std::move(label_names), {}));
}

Family<Gauge>& Registry::GaugeFamily(std::string_view name, std::string_view help,
                                     std::vector<std::string> label_names) {
  return static_cast<Family<Gauge>&>(Register(name, help, FamilyBase::Type::kGauge, std::move(label_names), {}));
}

Family<Histogram>& Registry::HistogramFamily(std::string_view name, std::string_view help,
                                             std::vector<std::string> label_names, std::vector<double> bounds) {
  return static_cast<Family<Histogram>&>(
      Register(name, help, FamilyBase::Type::kHistogram, std::move(label_names), std::move(bounds)));
}

namespace {
std::vector<std::string> Names(const Labels& labels) {
  std::vector<std::string> names;
  for (const auto& [name, value] : labels) names.push_back(name);
  return names;
}
std::vector<std::string_view> Values(const Labels& labels) {
  std::vector<std::string_view> values;
  for (const auto& [name, value] : labels) values.push_back(value);
  return values;
}
}  // namespace

Counter& Registry::GetCounter(std::string_view name, std::string_view help, const Labels& labels) {
  return CounterFamily(name, help, Names(labels)).WithLabels(Values(labels));
}

Gauge& Registry::GetGauge(std::string_view name, std::string_view help, const Labels& labels) {
  return GaugeFamily(name, help, Names(labels)).WithLabels(Values(labels));
}

Histogram& Registry::GetHistogram(std::string_view name, std::string_view help, std::vector<double> bounds,
                                  const Labels& labels) {
  return HistogramFamily(name, help, Names(labels), std::move(bounds)).WithLabels(Values(labels));
}

void Registry::OnScrape(std::function<void()> refresh) {
  std::lock_guard lock(mu_);
  on_scrape_.push_back(std::move(refresh));
}

std::string Registry::RenderPrometheus() const {
  std::vector<std::function<void()>> refreshes;
  {
    std::lock_guard lock(mu_);
    refreshes = on_scrape_;
  }
  for (const auto& refresh : refreshes) refresh();  // outside the lock: they register and set metrics
  std::vector<const FamilyBase*> families;
  {
    std::lock_guard lock(mu_);
    for (const auto& [name, family] : families_) families.push_back(family.get());  // std::map: sorted
  }
  std::string out;
  for (const FamilyBase* f : families) f->Render(out);
  return out;
}

}  // namespace confide::http
