#include "audit/tree_head.h"

namespace confide::audit {

namespace {
constexpr std::string_view kTreeHeadDomain = "confide-tree-head-v1";
}

Bytes TreeHeadMessage(uint64_t tree_size, const crypto::Hash32& root, UnixMicros timestamp) {
  Bytes msg(kTreeHeadDomain.begin(), kTreeHeadDomain.end());
  AppendU64BE(msg, tree_size);
  AppendU64BE(msg, static_cast<uint64_t>(timestamp));
  msg.insert(msg.end(), root.begin(), root.end());
  return msg;
}

SignedTreeHead SignTreeHead(const crypto::SigningKey& key, uint64_t tree_size, const crypto::Hash32& root,
                            UnixMicros timestamp) {
  SignedTreeHead head{tree_size, root, timestamp, {}};
  head.signature = key.Sign(TreeHeadMessage(tree_size, root, timestamp));
  return head;
}

Status VerifyTreeHead(ByteView public_key, const SignedTreeHead& head) {
  if (!crypto::VerifySignature(public_key, TreeHeadMessage(head.tree_size, head.root, head.timestamp),
                               head.signature)) {
    return Status::Corruption("signature on tree head of size " + std::to_string(head.tree_size) + " does not verify");
  }
  return Status::Ok();
}

}  // namespace confide::audit
