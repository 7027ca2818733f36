/* User-space shim of <asm/byteorder.h>: the conversions the pure code uses. */
#ifndef QLAT_SHIM_ASM_BYTEORDER_H
#define QLAT_SHIM_ASM_BYTEORDER_H
#include <endian.h>
#define cpu_to_le16(x) ((uint16_t)htole16(x))
#define cpu_to_le32(x) ((uint32_t)htole32(x))
#define cpu_to_le64(x) ((uint64_t)htole64(x))
#define le16_to_cpu(x) ((uint16_t)le16toh(x))
#define le32_to_cpu(x) ((uint32_t)le32toh(x))
#define le64_to_cpu(x) ((uint64_t)le64toh(x))
#define cpu_to_be16(x) ((uint16_t)htobe16(x))
#define cpu_to_be32(x) ((uint32_t)htobe32(x))
#define be16_to_cpu(x) ((uint16_t)be16toh(x))
#define be32_to_cpu(x) ((uint32_t)be32toh(x))
#endif
