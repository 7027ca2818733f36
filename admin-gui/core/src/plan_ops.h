#pragma once
// The kinds of operation a plan is made of (internal to the core library).

#include <optional>
#include <string>
#include <vector>

#include "qlat/configfs.h"
#include "qlat/error.h"
#include "qlat/plan.h"

namespace qlat::detail {

/// A step of a node's creation. Undoing a creation removes links and directories in
/// reverse order; values written inside a directory go with it.
struct Step {
  enum class Kind { mkdir, mkdir_fabric, link, write, ensure };
  Kind kind;
  std::string path;
  std::string value;   ///< link target, or value to write
  std::string module;  ///< mkdir_fabric: the kernel module to load if needed
};

/// Creates a configfs node (directory, its links and values). Its inverse removes it.
class CreateNode final : public Operation {
 public:
  CreateNode(std::string object, std::string what, std::vector<Step> steps)
      : object_(std::move(object)), what_(std::move(what)), steps_(std::move(steps)) {}

  std::string preview() const override { return "create " + what_; }
  std::string undo_preview() const override { return "remove " + what_; }
  std::string object() const override { return object_; }

  void execute(Backend& b) override {
    std::size_t done = 0;
    try {
      for (; done < steps_.size(); ++done) {
        run(b, steps_[done]);
      }
    } catch (...) {
      unwind(b, done);
      throw;
    }
  }

  void undo(Backend& b) override { unwind(b, steps_.size()); }

 private:
  static void run(Backend& b, const Step& s) {
    switch (s.kind) {
      case Step::Kind::mkdir:
        b.make_dir(s.path);
        break;
      case Step::Kind::mkdir_fabric:
        if (!b.exists(s.path)) {
          try {
            b.make_dir(s.path);
          } catch (const SysError& e) {
            // configfs has no directory for a fabric whose module is not loaded.
            if (s.module.empty()) {
              throw;
            }
            try {
              b.load_module(s.module);
            } catch (const Error& m) {
              throw Error(std::string(e.what()) + "; loading its module: " + m.what());
            }
            if (!b.exists(s.path)) {
              b.make_dir(s.path);
            }
          }
        }
        break;
      case Step::Kind::link:
        b.link(s.value, s.path);
        break;
      case Step::Kind::write:
        b.write(s.path, s.value);
        break;
      case Step::Kind::ensure: {
        std::string cur;
        bool known = false;
        try {
          cur = b.read(s.path);
          known = true;
        } catch (const SysError&) {
        }
        if (!known || cur != s.value) {
          b.write(s.path, s.value);
        }
        break;
      }
    }
  }

  /// Removes what steps [0, done) created, newest first. If a removal fails, what was
  /// already removed is created again, so the node is whole again before the error leaves.
  void unwind(Backend& b, std::size_t done) {
    std::size_t i = done;
    try {
      while (i-- > 0) {
        const auto& s = steps_[i];
        if (s.kind == Step::Kind::link) {
          b.unlink(s.path);
        } else if (s.kind == Step::Kind::mkdir) {
          b.remove_dir(s.path);
        }
      }
    } catch (...) {
      // Recreate what was removed: links and directories after the failing step, and the
      // values written inside recreated directories (values elsewhere are still in place).
      std::vector<std::string> remade;
      for (std::size_t k = i + 1; k < done; ++k) {
        const auto& s = steps_[k];
        // Ensured values are re-checked too: re-linking a mapped LUN resets write_protect.
        bool redo = s.kind == Step::Kind::link || s.kind == Step::Kind::mkdir ||
                    s.kind == Step::Kind::ensure;
        for (const auto& d : remade) {
          redo = redo || s.path.starts_with(d + "/");
        }
        if (!redo) {
          continue;
        }
        run(b, s);
        if (s.kind == Step::Kind::mkdir) {
          remade.push_back(s.path);
        }
      }
      throw;
    }
  }

  std::string object_, what_;
  std::vector<Step> steps_;
};

/// Runs another operation backwards: a removal is the inverse of the creation it undoes.
class Inverse final : public Operation {
 public:
  explicit Inverse(std::unique_ptr<Operation> op) : op_(std::move(op)) {}
  std::string preview() const override { return op_->undo_preview(); }
  std::string undo_preview() const override { return op_->preview(); }
  std::string object() const override { return op_->object(); }
  void execute(Backend& b) override { op_->undo(b); }
  void undo(Backend& b) override { op_->execute(b); }

 private:
  std::unique_ptr<Operation> op_;
};

/// Sets one value; reads the current one first, writes only if different, and restores it
/// on undo. Writing the current value again is a no-op (qla2xxx's enable resets the chip).
class SetValue final : public Operation {
 public:
  SetValue(std::string object, std::string path, std::string value, std::string what)
      : object_(std::move(object)),
        path_(std::move(path)),
        value_(std::move(value)),
        what_(std::move(what)) {}

  std::string preview() const override { return "set " + what_ + " = " + value_; }
  std::string undo_preview() const override {
    return "restore " + what_ + (old_ ? " = " + *old_ : std::string(" (previous value)"));
  }
  std::string object() const override { return object_; }

  void execute(Backend& b) override {
    old_.reset();
    written_ = false;
    try {
      old_ = b.read(path_);
    } catch (const SysError&) {
    }
    if (old_ && *old_ == value_) {
      return;
    }
    b.write(path_, value_);
    written_ = true;
  }

  void undo(Backend& b) override {
    if (written_ && old_) {
      b.write(path_, *old_);
    }
    written_ = false;
  }

 private:
  std::string object_, path_, value_, what_;
  std::optional<std::string> old_;
  bool written_ = false;
};

}  // namespace qlat::detail
