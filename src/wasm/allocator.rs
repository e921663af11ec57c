//! The browser module's memory allocator: Talc instead of the standard library's dlmalloc.
//!
//! It is here for the module's size (about 3 KB gzip smaller than dlmalloc) and is at least as
//! fast for the engine's pattern of many small allocations (reading a package, assembling a
//! form). Talc grows the wasm memory on demand, as dlmalloc did; the module is single-threaded
//! (no `atomics` target feature), which `WasmDynamicTalc` assumes.

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
