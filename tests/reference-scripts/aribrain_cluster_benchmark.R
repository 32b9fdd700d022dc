# Timing of ARIbrain 0.9 on a 1 mm whole brain, for the README's comparison with `ari clusters` (issue 10).
# ARIbrain, hommel and RNifti installed as in aribrain_tdp_clusters.R. Run from the repository root:
#     R_LIBS=/opt/peers/Rlib /usr/bin/time -f "%e s wall, %U user, %S sys, %M KB" \
#         Rscript tests/reference-scripts/aribrain_cluster_benchmark.R Z_MAP MASK > TABLE.tsv
# Z_MAP, MASK: the 1 mm brain of `dotnet run -c Release --project bench/Ari.Benchmarks -- breakdown clusters 1 --write DIR`
# (z1mm.nii.gz, mask1mm.nii.gz). p = Phi(-z) in the mask, connectivity 18, alpha 0.05; ARIBrainCluster (tree
# construction) then TDPQuery at gamma 0.4, 0.7, 0.9, and one further query; seconds per step (elapsed).
suppressPackageStartupMessages({ library(ARIbrain); library(RNifti) })
args <- commandArgs(trailingOnly = TRUE)
z <- readNifti(args[1])
mask <- readNifti(args[2]) != 0
p <- array(1, dim = dim(z))
p[mask] <- pnorm(-z[mask])
t0 <- proc.time()[["elapsed"]]
invisible(capture.output(tree <- ARIBrainCluster(Pmap = p, mask = mask, conn = 18, alpha = 0.05)))
t1 <- proc.time()[["elapsed"]]
rows <- data.frame(step = "construction", seconds = t1 - t0, clusters = NA)
for (g in c(0.4, 0.7, 0.9, 0.7)) {
  s <- proc.time()[["elapsed"]]
  invisible(capture.output(q <- TDPQuery(tree, threshold = g)))
  rows <- rbind(rows, data.frame(step = paste0("query_", g), seconds = proc.time()[["elapsed"]] - s, clusters = length(q@clusterlist)))
}
write.table(rows, sep = "\t", quote = FALSE, row.names = FALSE)
