#include "service/demo_confidentiality_policy.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "service/governance_policy_file.h"
#include "service/policy_file.h"
#include "service/vault_tx.h"

namespace confide::service {

std::string DemoConfidentialityPolicyToml(domain::CivilDate in_force_from) {
  // A TOML multi-line literal string ('''...''') keeps the text exactly as written.
  return "\n# --- The demo organisation's confidentiality policy (synthetic; added by confide demo) -----------\n"
         "[confidentiality_policy]\n"
         "version = \"DEMO-1\"\n"
         "title = \"Confidentiality and information sharing policy (demo)\"\n"
         "in_force_from = \"" + in_force_from.ToIso() + "\"\n"
         "acknowledge_within_days = 30\n"
         "text = '''\n"
         "1. Why this policy matters. Children and families tell us things they would tell nobody else. "
         "Keeping what they tell us safe, and sharing it only when it helps keep a child safe or the law "
         "requires it, is how we keep their trust.\n\n"
         "2. Need to know. Look only at the records of children and families you work with, and only what your "
         "work needs. Every time you open a record it is logged, and the logs are reviewed.\n\n"
         "3. Safeguarding comes first. If you think a child may be at risk of harm, tell the designated "
         "safeguarding lead at once. Worries about confidentiality must never stop you sharing information "
         "to protect a child.\n\n"
         "4. Sharing. Share only what is necessary and proportionate, with the right person, securely, and "
         "record what you shared, with whom, when and why. Record a decision not to share, and why, too. "
         "Seek consent where it is safe and appropriate; where it is not, say on what basis you shared.\n\n"
         "5. Keeping records secure. Do not take records home, do not send them to personal email, lock "
         "your screen when you leave it, and never share your password or authenticator.\n\n"
         "6. Talking about families. Do not discuss children or families where you can be overheard, nor "
         "on social media, nor with friends and relatives.\n\n"
         "7. Mistakes. If information goes to the wrong person or is lost, report it at once through "
         "Report a breach, so the data protection officer can act within 72 hours. Reporting a mistake is "
         "never a disciplinary matter in itself; hiding one may be.\n\n"
         "8. Training. Complete your induction and your confidentiality and data protection training, and "
         "keep it in date. Until you have, Confide will not show you children's records.\n"
         "'''\n";
}

Status AddDemoConfidentialityPolicy(const DataDirConfig& cfg, domain::CivilDate in_force_from) {
  CONFIDE_ASSIGN_OR_RETURN(governance::GovernancePolicy policy, LoadGovernancePolicy(cfg));
  if (policy.confidentiality_policy) return Status::Ok();
  const std::string own = (std::filesystem::path(cfg.data_dir) / kGovernancePolicyFileName).string();
  if (GovernancePolicyFileInForce(cfg) != own) {
    return Status::FailedPrecondition("the governance policy in force is not " + own + ": the demo leaves it alone");
  }
  CONFIDE_ASSIGN_OR_RETURN(std::string text, ReadPolicyFile(own, "governance policy"));
  text += DemoConfidentialityPolicyToml(in_force_from);
  // Checked whole before it replaces the file, and replaced in one rename: the directory is never
  // left with a policy Confide would refuse to open.
  CONFIDE_RETURN_IF_ERROR(governance::ParseGovernancePolicy(text, own).status());
  const std::string next = own + ".next";
  {
    std::ofstream out(next, std::ios::trunc | std::ios::binary);
    out << text;
    out.flush();
    if (!out) return Status::IOError("cannot write " + next);
  }
  if (int fd = ::open(next.c_str(), O_RDONLY); fd >= 0) {
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return Status::IOError("cannot sync " + next);
  }
  std::error_code ec;
  std::filesystem::rename(next, own, ec);
  if (ec) return Status::IOError("cannot replace " + own);
  return SyncDirectory(cfg.data_dir);
}

}  // namespace confide::service
