// secdesc: the whole public API in one include.
#pragma once

#include "secdesc/access_mask.hpp"
#include "secdesc/ace.hpp"
#include "secdesc/acl.hpp"
#include "secdesc/binary.hpp"
#include "secdesc/builder.hpp"
#include "secdesc/codegen.hpp"
#include "secdesc/error.hpp"
#include "secdesc/guid.hpp"
#include "secdesc/json.hpp"
#include "secdesc/object_type.hpp"
#include "secdesc/policy.hpp"
#include "secdesc/diagnostic.hpp"
#include "secdesc/sddl.hpp"
#include "secdesc/security_descriptor.hpp"
#include "secdesc/sid.hpp"
