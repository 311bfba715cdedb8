using Microsoft.EntityFrameworkCore;
using MlOps.Deployer.Model;

namespace MlOps.Deployer.Infrastructure;

public sealed class DeploymentsDbContext(DbContextOptions<DeploymentsDbContext> options) : DbContext(options)
{
    public DbSet<Deployment> Deployments => Set<Deployment>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<Deployment>(e =>
        {
            e.HasIndex(d => new { d.Model, d.Version, d.PromotedAt }).IsUnique();
            e.HasIndex(d => d.State);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Strategy).HasConversion<string>().HasMaxLength(20);
        });
}
