using Microsoft.EntityFrameworkCore;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.Infrastructure;

public sealed class DeploymentsDbContext(DbContextOptions<DeploymentsDbContext> options) : DbContext(options)
{
    public DbSet<Deployment> Deployments => Set<Deployment>();

    public DbSet<ModelEndpoint> Endpoints => Set<ModelEndpoint>();

    public DbSet<Replica> Replicas => Set<Replica>();

    public DbSet<ReplicaVersionStat> ReplicaStats => Set<ReplicaVersionStat>();

    public DbSet<ReplicaRefusal> Refusals => Set<ReplicaRefusal>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Deployment>(e =>
        {
            e.HasIndex(d => new { d.Model, d.Version, d.PromotedAt }).IsUnique();
            e.HasIndex(d => d.State);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Strategy).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.BuildId).HasMaxLength(100);
            e.Property(d => d.BuildStatus).HasMaxLength(20);
        });
        modelBuilder.Entity<ModelEndpoint>(e =>
        {
            e.HasKey(m => m.Model);
            e.Property(m => m.Model).HasMaxLength(200);
        });
        modelBuilder.Entity<Replica>(e =>
        {
            e.HasKey(r => r.ReplicaId);
            e.Property(r => r.ReplicaId).HasMaxLength(200);
        });
        modelBuilder.Entity<ReplicaVersionStat>(e =>
        {
            e.HasIndex(s => new { s.ReplicaId, s.Model, s.Version, s.Generation }).IsUnique();
            e.HasIndex(s => new { s.Model, s.Generation });
        });
        modelBuilder.Entity<ReplicaRefusal>(e =>
        {
            e.HasIndex(r => new { r.ReplicaId, r.Model, r.Version, r.Generation }).IsUnique();
            e.HasIndex(r => new { r.Model, r.Generation });
        });
    }
}
