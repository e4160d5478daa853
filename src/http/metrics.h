// A small Prometheus registry: counters, gauges and histograms, each in a family with fixed label
// names, rendered in the text exposition format 0.0.4.
//
// Recording is lock-free: a metric is a few atomics, and finding the child for a label set reads
// an append-only hash table without a lock; the family's mutex is taken only when a label set is
// seen for the first time. Metrics are never removed, so keep label values bounded (route
// patterns, not paths; status classes, not statuses).
//
// Misuse is a programming error and aborts with a message on stderr: an invalid metric or label
// name, one name registered twice with a different type, label names or buckets, or WithLabels
// with the wrong number of values.
// Thread-safety: every member function of every class here is safe from any thread. References
// returned stay valid for the life of the Registry.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace confide::http {

// Label name → value, in the family's label order.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void Inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t Value() const { return value_.load(std::memory_order_relaxed); }
  // Raises the value to `total` (never lowers it): for a count kept elsewhere, copied at scrape time.
  void AdvanceTo(uint64_t total) {
    uint64_t now = value_.load(std::memory_order_relaxed);
    while (now < total && !value_.compare_exchange_weak(now, total, std::memory_order_relaxed)) {
    }
  }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(int64_t v) { value_.store(v, std::memory_order_relaxed); }
  void Add(int64_t d) { value_.fetch_add(d, std::memory_order_relaxed); }
  void Inc() { Add(1); }
  void Dec() { Add(-1); }
  int64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

class Histogram {
 public:
  // `bounds`: ascending upper bounds (the +Inf bucket is implicit); must outlive the histogram.
  explicit Histogram(std::span<const double> bounds);
  void Observe(double value);  // NaN is ignored

  // Per-bucket counts (not cumulative), one more than bounds (the last is +Inf).
  std::vector<uint64_t> BucketCounts() const;
  uint64_t Count() const;
  double Sum() const { return sum_.load(std::memory_order_relaxed); }
  std::span<const double> bounds() const { return bounds_; }

 private:
  std::span<const double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;
  std::atomic<double> sum_{0.0};
};

// Latency buckets in seconds, 0.5 ms to 10 s: what an API request on this stack can take.
std::vector<double> DefaultLatencyBuckets();

class FamilyBase {
 public:
  enum class Type { kCounter, kGauge, kHistogram };
  FamilyBase(std::string name, std::string help, Type type, std::vector<std::string> label_names);
  virtual ~FamilyBase();
  FamilyBase(const FamilyBase&) = delete;
  FamilyBase& operator=(const FamilyBase&) = delete;

  const std::string& name() const { return name_; }
  Type type() const { return type_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  // Appends the HELP and TYPE lines and one sample line per child (sorted by labels).
  virtual void Render(std::string& out) const = 0;

 protected:
  std::string name_;
  std::string help_;
  Type type_;
  std::vector<std::string> label_names_;
};

// A metric family: one T per distinct label-value tuple.
template <typename T>
class Family final : public FamilyBase {
 public:
  Family(std::string name, std::string help, Type type, std::vector<std::string> label_names,
         std::vector<double> bounds);
  ~Family() override;

  // The child for these label values (in label_names() order), created on first use.
  T& WithLabels(std::initializer_list<std::string_view> values) { return WithLabels(std::span(values.begin(), values.size())); }
  T& WithLabels(std::span<const std::string_view> values);
  const std::vector<double>& bounds() const { return bounds_; }
  void Render(std::string& out) const override;

 private:
  struct Child;
  static constexpr size_t kBuckets = 64;

  std::vector<double> bounds_;  // histograms only
  std::array<std::atomic<Child*>, kBuckets> heads_{};  // append-only chains; read without a lock
  mutable std::mutex mu_;                              // held only to add a child, and to render
  std::vector<std::unique_ptr<Child>> children_;       // guarded by mu_; owns every Child
};

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Families: registered on first call; later calls with the same name return the same family
  // (the help text of the first call is kept). Names follow Prometheus: [a-zA-Z_:][a-zA-Z0-9_:]*;
  // label names [a-zA-Z_][a-zA-Z0-9_]*, not starting "__", and not "le" on a histogram.
  Family<Counter>& CounterFamily(std::string_view name, std::string_view help, std::vector<std::string> label_names);
  Family<Gauge>& GaugeFamily(std::string_view name, std::string_view help, std::vector<std::string> label_names);
  Family<Histogram>& HistogramFamily(std::string_view name, std::string_view help,
                                     std::vector<std::string> label_names, std::vector<double> bounds);

  // One labelled child in one call (the family's label names are the names in `labels`). Keep the
  // reference rather than calling these per event in hot code.
  Counter& GetCounter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& GetGauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram& GetHistogram(std::string_view name, std::string_view help, std::vector<double> bounds,
                          const Labels& labels = {});

  // Every family, sorted by name, in the text exposition format 0.0.4 (HELP, TYPE, samples).
  // Runs the scrape callbacks first.
  std::string RenderPrometheus() const;

  // `refresh` runs at the start of every render, to copy figures kept elsewhere (a queue's length,
  // a component's own counts) into this registry's gauges and counters. What it uses must outlive
  // the registry's last render.
  void OnScrape(std::function<void()> refresh);

 private:
  FamilyBase& Register(std::string_view name, std::string_view help, FamilyBase::Type type,
                       std::vector<std::string> label_names, std::vector<double> bounds);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<FamilyBase>, std::less<>> families_;  // guarded by mu_
  std::vector<std::function<void()>> on_scrape_;                             // guarded by mu_
};

// What the API mounts as /metrics renders; the same type under the name the routes use.
using Metrics = Registry;

}  // namespace confide::http
