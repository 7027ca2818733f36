#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace qlat {

/// A failure with its context (the object or path it concerns) in the message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A failed system call on a configfs (or directory) path; keeps errno.
class SysError : public Error {
 public:
  SysError(const std::string& what, const std::string& path, int err);
  int error() const noexcept { return err_; }
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  int err_;
};

/// One reason a configuration was rejected: the file, the JSON path in it and why.
struct Problem {
  std::string file;
  std::string json_path;  ///< JSON Pointer, e.g. /targets/0/tpgs/0/luns/3/storage_object
  std::string reason;
  std::string to_string() const;
};

/// Thrown when a configuration is invalid; nothing has been changed.
class ValidationError : public Error {
 public:
  explicit ValidationError(std::vector<Problem> problems);
  const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

}  // namespace qlat
