#include "http/metrics.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace confide::http {
namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST(MetricsTest, CounterFamilyRendersHelpTypeAndSortedSamples) {
  Registry r;
  Family<Counter>& f = r.CounterFamily("app_events_total", "Events seen.", {"kind", "outcome"});
  f.WithLabels({"write", "ok"}).Inc(3);
  f.WithLabels({"read", "ok"}).Inc();
  f.WithLabels({"write", "ok"}).Inc();
  EXPECT_EQ(r.RenderPrometheus(),
            "# HELP app_events_total Events seen.\n"
            "# TYPE app_events_total counter\n"
            "app_events_total{kind=\"read\",outcome=\"ok\"} 1\n"
            "app_events_total{kind=\"write\",outcome=\"ok\"} 4\n");
}

TEST(MetricsTest, SameLabelsSameChild) {
  Registry r;
  Counter& a = r.GetCounter("x_total", "x", {{"route", "/a/{id}"}});
  Counter& b = r.GetCounter("x_total", "x", {{"route", "/a/{id}"}});
  Counter& c = r.GetCounter("x_total", "x", {{"route", "/b"}});
  EXPECT_EQ(&a, &b);
  EXPECT_NE(&a, &c);
  // ("ab","c") and ("a","bc") are different label sets.
  Family<Counter>& f = r.CounterFamily("y_total", "y", {"p", "q"});
  EXPECT_NE(&f.WithLabels({"ab", "c"}), &f.WithLabels({"a", "bc"}));
}

TEST(MetricsTest, GaugeAndUnlabelledMetrics) {
  Registry r;
  Gauge& g = r.GetGauge("open_things", "Things open.");
  g.Inc();
  g.Inc();
  g.Dec();
  r.GetCounter("plain_total", "Plain.").Inc(7);
  const std::string text = r.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE open_things gauge\nopen_things 1\n")) << text;
  EXPECT_TRUE(Contains(text, "plain_total 7\n")) << text;
  // Families come out sorted by name.
  EXPECT_LT(text.find("open_things"), text.find("plain_total"));
}

TEST(MetricsTest, HistogramIsCumulativeWithSumAndCount) {
  Registry r;
  Histogram& h = r.GetHistogram("latency_seconds", "Latency.", {0.1, 1}, {{"route", "/x"}});
  h.Observe(0.05);
  h.Observe(0.1);  // on the bound: counted in le="0.1"
  h.Observe(0.5);
  h.Observe(3);
  const std::string text = r.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# TYPE latency_seconds histogram\n")) << text;
  EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"0.1\"} 2\n")) << text;
  EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"1\"} 3\n")) << text;
  EXPECT_TRUE(Contains(text, "latency_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n")) << text;
  EXPECT_TRUE(Contains(text, "latency_seconds_sum{route=\"/x\"} 3.65\n")) << text;
  EXPECT_TRUE(Contains(text, "latency_seconds_count{route=\"/x\"} 4\n")) << text;
}

TEST(MetricsTest, EscapesLabelValuesAndHelp) {
  Registry r;
  r.GetCounter("esc_total", "Line one\nback\\slash", {{"v", "a\"b\\c\nd"}}).Inc();
  const std::string text = r.RenderPrometheus();
  EXPECT_TRUE(Contains(text, "# HELP esc_total Line one\\nback\\\\slash\n")) << text;
  EXPECT_TRUE(Contains(text, "esc_total{v=\"a\\\"b\\\\c\\nd\"} 1\n")) << text;
}

TEST(MetricsTest, ConcurrentIncrementsAndNewLabelSetsAreCounted) {
  Registry r;
  Family<Counter>& f = r.CounterFamily("conc_total", "c", {"k"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&f] {
      for (int i = 0; i < 20000; ++i) f.WithLabels({std::to_string(i % 100)}).Inc();
    });
  }
  for (auto& t : threads) t.join();
  uint64_t total = 0;
  for (int i = 0; i < 100; ++i) total += f.WithLabels({std::to_string(i)}).Value();
  EXPECT_EQ(total, 80000u);
}

TEST(MetricsDeathTest, MisuseAborts) {
  EXPECT_DEATH(
      {
        Registry r;
        r.GetCounter("m_total", "m");
        r.GetGauge("m_total", "m");
      },
      "different type");
  EXPECT_DEATH(
      {
        Registry r;
        r.GetCounter("bad-name", "m");
      },
      "invalid metric name");
  EXPECT_DEATH(
      {
        Registry r;
        r.CounterFamily("n_total", "n", {"a"}).WithLabels({"1", "2"});
      },
      "wrong number");
}

TEST(MetricsTest, ScrapeCallbacksCopyFiguresKeptElsewhereBeforeRendering) {
  Registry r;
  Counter& commits = r.GetCounter("x_commits_total", "Commits");
  Gauge& queued = r.GetGauge("x_queued", "Queued");
  uint64_t kept_elsewhere = 3;
  int64_t queue = 7;
  int runs = 0;
  r.OnScrape([&] {
    ++runs;
    commits.AdvanceTo(kept_elsewhere);
    queued.Set(queue);
  });
  EXPECT_NE(r.RenderPrometheus().find("x_commits_total 3\n"), std::string::npos);
  kept_elsewhere = 5;
  queue = 0;
  const std::string text = r.RenderPrometheus();
  EXPECT_NE(text.find("x_commits_total 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("x_queued 0\n"), std::string::npos) << text;
  EXPECT_EQ(runs, 2);
  // A counter never goes down, whatever it is told.
  commits.AdvanceTo(2);
  EXPECT_EQ(commits.Value(), 5u);
}

}  // namespace
}  // namespace confide::http
