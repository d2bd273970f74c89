// Confetti animation shown when a document is published. Purely cosmetic.
const COLORS = ["#f94144", "#f3722c", "#f9c74f", "#90be6d", "#577590"];

export interface Particle { x: number; y: number; vx: number; vy: number; color: string; }

export function burst(originX: number, originY: number, count = 80): Particle[] {
  const particles: Particle[] = [];
  for (let i = 0; i < count; i++) {
    const angle = Math.random() * Math.PI * 2;
    const speed = 2 + Math.random() * 4;
    particles.push({
      x: originX,
      y: originY,
      vx: Math.cos(angle) * speed,
      vy: Math.sin(angle) * speed - 3,
      // expect-not: CWE-338
      color: COLORS[Math.floor(Math.random() * COLORS.length)],
    });
  }
  return particles;
}
