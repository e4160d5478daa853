// WalCheckpointer: moves committed pages from the WAL into the database file on its own thread and
// connection, so that no commit pays for it.
//
// SQLite's default is for the connection that commits to run a checkpoint whenever the WAL has
// passed 1,000 pages: that commit then copies the pages and fsyncs the database file before it
// returns, and everyone waiting on it (a whole group commit of audit events) waits too — tens of
// milliseconds now and then. The store turns that off on its writer and tells this checkpointer
// the WAL's size after each commit instead; past the threshold the checkpointer runs a PASSIVE
// checkpoint (which never blocks readers or the writer, and does what readers' snapshots allow).
// When every frame has been copied and no reader needs them, the next commit starts the WAL again
// from its beginning, so the file stays bounded.
//
// Thread-safety: NoteWalPages may be called from any thread (it is called from the writer's commit).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "confide/result.h"
#include "store/sqlite/sqlite_db.h"

namespace confide::store::sqlite {

class WalCheckpointer {
 public:
  // Opens its own connection to the database at `path`.
  static Result<std::unique_ptr<WalCheckpointer>> Start(const std::string& path, int threshold_pages = kDefaultThresholdPages);
  // Finishes a checkpoint in progress, then stops.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // The WAL holds `pages` pages after a commit.
  void NoteWalPages(int pages);

  struct Stats {
    uint64_t checkpoints = 0;  // checkpoints run
    uint64_t frames = 0;       // frames copied into the database by them
    uint64_t failures = 0;     // checkpoints that failed (retried at the next threshold)
  };
  Stats stats() const;

  static constexpr int kDefaultThresholdPages = 1000;  // SQLite's own default

 private:
  WalCheckpointer(std::unique_ptr<Connection> conn, int threshold_pages);
  void Run();

  std::unique_ptr<Connection> conn_;  // used only by the thread
  const int threshold_pages_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool due_ = false;       // GUARDED_BY(mu_)
  bool stopping_ = false;  // GUARDED_BY(mu_)
  Stats stats_;            // GUARDED_BY(mu_)
  std::thread thread_;     // last: starts once everything above exists
};

}  // namespace confide::store::sqlite
