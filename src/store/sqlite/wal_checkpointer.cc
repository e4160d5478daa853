#include "store/sqlite/wal_checkpointer.h"

#include <sqlite3.h>

namespace confide::store::sqlite {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::Start(const std::string& path, int threshold_pages) {
  if (threshold_pages < 1) return Status::InvalidArgument("the checkpoint threshold must be at least one page");
  CONFIDE_ASSIGN_OR_RETURN(std::unique_ptr<Connection> conn, Connection::Open(path, /*create=*/false));
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(std::move(conn), threshold_pages));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Connection> conn, int threshold_pages)
    : conn_(std::move(conn)), threshold_pages_(threshold_pages), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::NoteWalPages(int pages) {
  if (pages < threshold_pages_) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    due_ = true;
  }
  wake_.notify_one();
}

void WalCheckpointer::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return due_ || stopping_; });
    if (stopping_) return;
    due_ = false;
    lock.unlock();
    int wal_frames = 0, copied = 0;
    const int rc = sqlite3_wal_checkpoint_v2(conn_->raw(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied);
    lock.lock();
    if (rc == SQLITE_OK) {
      ++stats_.checkpoints;
      stats_.frames += static_cast<uint64_t>(copied > 0 ? copied : 0);
    } else {
      ++stats_.failures;  // busy with another checkpoint, say: the next commit past the threshold asks again
    }
  }
}

WalCheckpointer::Stats WalCheckpointer::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace confide::store::sqlite
