// Hand-written byte vectors: a 64-byte IOCB (or a payload) described as
// (offset, bytes) runs, everything else zero.
#pragma once
#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <utility>
#include <vector>

extern "C" {
#include "qla_iocb.h"
#include "qla_pure.h"
}

struct Run {
  std::size_t off;
  std::vector<std::uint8_t> bytes;
};

inline std::vector<std::uint8_t> vec(std::size_t size, std::initializer_list<Run> runs) {
  std::vector<std::uint8_t> v(size, 0);
  for (const auto& r : runs) std::memcpy(v.data() + r.off, r.bytes.data(), r.bytes.size());
  return v;
}

inline std::vector<std::uint8_t> iocb(std::initializer_list<Run> runs) {
  return vec(QLA_IOCB_SIZE, runs);
}

template <typename T>
inline std::vector<std::uint8_t> bytes_of(const T& t) {
  std::vector<std::uint8_t> v(sizeof(T));
  std::memcpy(v.data(), &t, sizeof(T));
  return v;
}

template <typename T>
inline T from_bytes(const std::vector<std::uint8_t>& v) {
  T t;
  std::memcpy(&t, v.data(), sizeof(T));
  return t;
}
