# Expected cluster bounds for Ari's ARIbrain parity test, computed with ARIbrain itself.
#
# ARIbrain 0.2 (github.com/angeella/ARIbrain), hommel 1.8 (CRAN) and RNifti 1.10 (github.com/jonclayden/RNifti)
# were installed into a private library outside the repository (R 4.2.2 from Debian):
#     R CMD INSTALL -l /tmp/rlib <source folder>    (for RNifti, hommel, ARIbrain; plus Debian's r-cran-rcpp, r-cran-plyr)
# then, from the repository root:
#     R_LIBS=/tmp/rlib Rscript tests/reference-scripts/aribrain_fsl_auditory.R > tests/Ari.Tests/Inference/aribrain_fsl_auditory.tsv
#
# ARI() is run on ../shared/data/real/fsl_auditory (the data of ARIbrain's own vignette) with FSL's clusters of
# z > 3.2 (cluster_th_3.2.nii.gz, 26-connectivity), alpha = 0.05, twice: with the p-values of pvalue.nii.gz
# (p_source "pvalue_file", the vignette's call) and with p = pnorm(-z) computed from zstat.nii.gz
# (p_source "z", what `ari tdp --stat zstat.nii.gz` uses). Cluster 0 is the rest of the mask; the row
# "mask" is the whole mask (hommel::discoveries without ix). Voxel coordinates are written 0-based.
suppressPackageStartupMessages({ library(ARIbrain); library(RNifti); library(hommel) })

folder <- file.path("..", "shared", "data", "real", "fsl_auditory")
zstat <- readNifti(file.path(folder, "zstat.nii.gz"))
pfile <- readNifti(file.path(folder, "pvalue.nii.gz"))
mask <- readNifti(file.path(folder, "mask.nii.gz"))
clusters <- readNifti(file.path(folder, "cluster_th_3.2.nii.gz"))
alpha <- 0.05

rows <- list()
for (source in c("pvalue_file", "z")) {
  Pmap <- if (source == "z") array(pnorm(-as.vector(zstat)), dim(zstat)) else pfile
  res <- ARI(Pmap = Pmap, clusters = clusters, mask = mask, alpha = alpha, Statmap = zstat, silent = TRUE)
  hom <- hommel(Pmap[mask != 0])
  total <- discoveries(hom, alpha = alpha)
  rows[[length(rows) + 1]] <- data.frame(p_source = source, cluster = "mask", size = length(hom@p),
    true_discoveries = total, tdp = total / length(hom@p), peak_i = NA, peak_j = NA, peak_k = NA, peak_stat = NA)
  rows[[length(rows) + 1]] <- data.frame(p_source = source, cluster = sub("^cl", "", rownames(res)),
    size = res[, "Size"], true_discoveries = res[, "FalseNull"], tdp = res[, "ActiveProp"],
    peak_i = res[, "dim1"] - 1, peak_j = res[, "dim2"] - 1, peak_k = res[, "dim3"] - 1, peak_stat = res[, "Stat"])
}
out <- do.call(rbind, rows)
out[] <- lapply(out, function(col) if (is.numeric(col)) ifelse(is.na(col), "n/a", sprintf("%.17g", col)) else col)
write.table(out, stdout(), sep = "\t", quote = FALSE, row.names = FALSE)
