#pragma once
// How a plan creates a storage object (internal to the core library).

#include <cstddef>
#include <string>
#include <vector>

#include "plan_ops.h"
#include "qlat/configfs.h"
#include "qlat/model.h"
#include "qlat/schema.h"

namespace qlat::detail {

std::string random_hex(std::size_t n);
std::string random_uuid();
/// The SCSI address of a pscsi backstore's device: "H:C:T:L" as given, or the address of a
/// /dev/sdX node as the host says.
std::string pscsi_hctl(const std::string& dev, const Backend& cfs);
std::string attrs_text(const AttrValue& v);
/// The steps that create a storage object as rtslib does (control, udev_path, enable, wwn,
/// attributes, ALUA groups).
std::vector<Step> so_steps(const StorageObject& so, const BackstoreSpec& bs, const std::string& hba,
                           bool create_hba, bool fresh_wwn, const Backend& cfs);
std::string so_desc(const StorageObject& so);

}  // namespace qlat::detail
