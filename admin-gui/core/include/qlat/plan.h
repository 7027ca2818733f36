#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "qlat/configfs.h"
#include "qlat/model.h"
#include "qlat/schema.h"

namespace qlat {

/// One change to the configfs tree (kpmcore's Operation): it says what it will do, does
/// it, and can undo it. An operation that fails part-way cleans up its own partial work.
class Operation {
 public:
  virtual ~Operation() = default;
  Operation() = default;
  Operation(const Operation&) = delete;
  Operation& operator=(const Operation&) = delete;

  /// What execute() will do, for people ("create LUN 0 in iscsi/iqn.../tpgt_1 -> ...").
  virtual std::string preview() const = 0;
  /// What undo() will do.
  virtual std::string undo_preview() const = 0;
  /// The configfs object this operation concerns (named in error messages).
  virtual std::string object() const = 0;
  virtual void execute(Backend& cfs) = 0;
  virtual void undo(Backend& cfs) = 0;
};

/// An ordered list of operations: removals first (mapped LUNs, ACLs, LUNs, TPGs, targets,
/// storage objects), then creations (storage objects, targets, TPGs, LUNs, ACLs, mapped
/// LUNs, attributes), TPG enables last. Siblings are created last to first: configfs lists
/// the newest entry first, so a restored tree lists (and saves) in the file's order.
class Plan {
 public:
  std::vector<std::unique_ptr<Operation>>& ops() { return ops_; }
  const std::vector<std::unique_ptr<Operation>>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }
  std::size_t size() const { return ops_.size(); }
  void add(std::unique_ptr<Operation> op) { ops_.push_back(std::move(op)); }
  /// One preview line per operation.
  std::string text() const;
  nlohmann::json to_json() const;

 private:
  std::vector<std::unique_ptr<Operation>> ops_;
};

struct DiffOptions {
  /// Leave targets of these fabrics alone (neither removed nor changed).
  std::vector<std::string> keep_fabrics;
};

/// plan = diff(live, desired): the operations that turn the live tree into `desired`.
/// `cfs` is only read (to find existing directories and free backstore indexes).
Plan diff(const Config& live, const Config& desired, const Backend& cfs,
          const Schema& schema = Schema::builtin(), const DiffOptions& opt = {});

struct ApplyResult {
  bool ok = true;
  std::size_t executed = 0;   ///< operations that completed
  std::size_t failed_at = 0;  ///< index of the failing operation when !ok
  std::string failed_object;  ///< the configfs object it concerned
  std::string error;          ///< the failure, with its context
  bool rolled_back = true;    ///< every completed operation was undone
  std::vector<std::string> rollback_errors;
};

using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

/// Executes the plan in order; when a step fails, undoes the completed ones in reverse
/// order, so the tree is left as it was before apply().
ApplyResult apply(Plan& plan, Backend& cfs, const ProgressFn& progress = {});

}  // namespace qlat
