using System.Numerics;
using Ari.Imaging;
using Ari.Nifti;

namespace Ari.Glm;

/// <summary>
/// The input maps of a second-level model, read one at a time: NIfTI files (streamed from disk) or volumes
/// already in memory. All maps share the first one's grid; <see cref="DoublePrecision"/> says whether they
/// are smoothed in float64 (float64 input, or scaled input that nibabel loads as float64, as nilearn keeps
/// the first image's dtype) or float32.
/// </summary>
internal abstract class MapSource
{
    public abstract int Count { get; }
    public abstract ImageGrid Grid { get; }
    public abstract bool DoublePrecision { get; }
    public abstract string Name(int index);
    public abstract void Read<T>(int index, Span<T> destination) where T : unmanaged, INumberBase<T>;

    public static MapSource FromFiles(IReadOnlyList<string> paths) => new FileMapSource(paths);

    public static MapSource FromVolumes<TVolume>(IReadOnlyList<Volume<TVolume>> volumes) where TVolume : unmanaged, INumberBase<TVolume> =>
        new VolumeMapSource<TVolume>(volumes);

    protected static AriException GridMismatch(string name, ImageGrid grid, string firstName, ImageGrid first) =>
        new(grid.Nx == first.Nx && grid.Ny == first.Ny && grid.Nz == first.Nz
            ? $"{name}: its affine {grid.Affine} differs from the first map's ({firstName}: {first.Affine}); all maps must be on one grid (both are {grid.ShapeText})"
            : $"{name}: shape {grid.ShapeText} differs from the first map's ({firstName}: {first.ShapeText}); all maps must be on one grid");

    private sealed class FileMapSource : MapSource
    {
        private readonly IReadOnlyList<string> _paths;

        public FileMapSource(IReadOnlyList<string> paths)
        {
            if (paths.Count == 0) throw new AriException("no input maps");
            _paths = paths;
            // Headers first (cheap): every file must open as a 3D NIfTI image on the first one's grid.
            ImageGrid? first = null;
            for (int i = 0; i < paths.Count; i++)
            {
                using var reader = NiftiReader.Open(paths[i]);
                if (reader.FrameCount != 1)
                    throw new NiftiFormatException(paths[i], $"is a 4D image ({reader.Header.ShapeText}); each map must be one 3D image");
                if (first is null)
                {
                    first = reader.Grid;
                    // nibabel's dtype rule: scaled data (scl_slope/scl_inter other than 1, 0) is float64.
                    DoublePrecision = reader.Header.DataType is NiftiDataType.Float64 or NiftiDataType.Int64 or NiftiDataType.UInt64
                        || reader.Header.ScalesToFloat64;
                }
                else if (!reader.Grid.Matches(first))
                    throw GridMismatch(paths[i], reader.Grid, paths[0], first);
            }
            Grid = first!;
        }

        public override int Count => _paths.Count;
        public override ImageGrid Grid { get; }
        public override bool DoublePrecision { get; }
        public override string Name(int index) => _paths[index];

        public override void Read<T>(int index, Span<T> destination)
        {
            using var reader = NiftiReader.Open(_paths[index]);
            if (!reader.Grid.Matches(Grid)) throw GridMismatch(_paths[index], reader.Grid, _paths[0], Grid);
            reader.ReadFrame(destination);
            reader.VerifyComplete();
        }
    }

    private sealed class VolumeMapSource<TVolume> : MapSource where TVolume : unmanaged, INumberBase<TVolume>
    {
        private readonly IReadOnlyList<Volume<TVolume>> _volumes;

        public VolumeMapSource(IReadOnlyList<Volume<TVolume>> volumes)
        {
            if (volumes.Count == 0) throw new AriException("no input maps");
            _volumes = volumes;
            for (int i = 1; i < volumes.Count; i++)
                if (!volumes[i].Grid.Matches(volumes[0].Grid))
                    throw GridMismatch(Name(i), volumes[i].Grid, Name(0), volumes[0].Grid);
        }

        public override int Count => _volumes.Count;
        public override ImageGrid Grid => _volumes[0].Grid;
        public override bool DoublePrecision => typeof(TVolume) != typeof(float);
        public override string Name(int index) => $"map {index + 1}";

        public override void Read<T>(int index, Span<T> destination)
        {
            var data = _volumes[index].Data;
            for (int i = 0; i < data.Length; i++) destination[i] = T.CreateTruncating(data[i]);
        }
    }
}
