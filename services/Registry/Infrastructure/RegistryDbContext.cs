using Microsoft.EntityFrameworkCore;
using MlOps.Registry.Model;

namespace MlOps.Registry.Infrastructure;

public sealed class RegistryDbContext(DbContextOptions<RegistryDbContext> options) : DbContext(options)
{
    public DbSet<RegisteredModel> Models => Set<RegisteredModel>();

    public DbSet<ModelVersion> Versions => Set<ModelVersion>();

    public DbSet<ModelAlias> Aliases => Set<ModelAlias>();

    public DbSet<AliasChange> AliasChanges => Set<AliasChange>();

    public DbSet<GateDecision> Decisions => Set<GateDecision>();

    public DbSet<TrainingFailure> Failures => Set<TrainingFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegisteredModel>(e =>
        {
            e.HasIndex(m => m.Name).IsUnique();
            e.Property(m => m.Name).HasMaxLength(200);
            e.HasMany(m => m.Versions).WithOne().HasForeignKey(v => v.ModelId);
            e.HasMany(m => m.Aliases).WithOne().HasForeignKey(a => a.ModelId);
        });

        // A redelivered ModelTrained cannot create a second version: (model, request) is unique.
        modelBuilder.Entity<ModelVersion>(e =>
        {
            e.HasIndex(v => new { v.ModelId, v.Version }).IsUnique();
            e.HasIndex(v => new { v.ModelId, v.RequestId }).IsUnique();
            e.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        });
        modelBuilder.Entity<ModelAlias>(e =>
        {
            e.HasIndex(a => new { a.ModelId, a.Name }).IsUnique();
            e.Property(a => a.Name).HasMaxLength(50);
        });
        modelBuilder.Entity<GateDecision>().HasIndex(d => new { d.ModelId, d.Version }).IsUnique();
        modelBuilder.Entity<AliasChange>().HasIndex(c => new { c.ModelId, c.Id });
        modelBuilder.Entity<TrainingFailure>(e =>
        {
            e.HasIndex(f => f.RequestId).IsUnique();
            e.HasIndex(f => f.Model);
        });
    }
}
