namespace Ari.Inference;

/// <summary>
/// One cluster of an <see cref="AriClusterTree"/>: a supra-threshold cluster (the subtree of <see cref="Node"/>), with its
/// true-discovery lower bound; its voxels are <see cref="AriClusterTree.Members"/>.
/// </summary>
/// <param name="Node">The position (domain order) that represents the cluster: its voxel of largest p-value (the
/// last to join), the root of its subtree.</param>
/// <param name="Size">Number of positions in the cluster.</param>
/// <param name="TrueDiscoveries">Lower bound of the false hypotheses (truly active voxels) in the cluster.</param>
/// <param name="Tdp">TrueDiscoveries / Size.</param>
public readonly record struct TdpCluster(int Node, int Size, int TrueDiscoveries, double Tdp);
